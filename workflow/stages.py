"""The stages of an operations plan and the one table of who may move it where.

The stages follow the regulation's four steps (collect → draft → committee review →
announcement), with the committee's proposal to the executive as its own stage because it
waits on a different person. Nothing outside workflow/services.py sets a plan's stage.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    COLLECTING = "collecting", _("เก็บรวบรวมข้อมูล")
    DRAFTING = "drafting", _("จัดทำร่าง")
    COMMITTEE_REVIEW = "committee_review", _("คณะกรรมการพัฒนาพิจารณา")
    PROPOSED = "proposed", _("เสนอผู้บริหาร")
    ANNOUNCED = "announced", _("ประกาศแล้ว")


class Action(models.TextChoices):
    START_DRAFTING = "start_drafting", _("เริ่มจัดทำร่าง")
    SUBMIT = "submit", _("เสนอคณะกรรมการพัฒนา")
    APPROVE = "approve", _("เห็นชอบ")
    COMMITTEE_RETURN = "committee_return", _("ส่งกลับให้แก้ไข (คณะกรรมการ)")
    ANNOUNCE = "announce", _("ลงนามประกาศ")
    EXECUTIVE_RETURN = "executive_return", _("ส่งกลับให้แก้ไข (ผู้บริหาร)")
    EXTEND_DEADLINE = "extend_deadline", _("ขยายกำหนดเวลา")


# Projects and budget lines can be changed only while the plan is being put together.
EDITABLE_STAGES = frozenset({Stage.COLLECTING, Stage.DRAFTING})


@dataclass(frozen=True)
class Transition:
    source: Stage
    targets: tuple[Stage, ...]
    role: str
    comment_required: bool = False


# role values are workflow.models.Role members; strings here keep this module import-free.
TRANSITIONS: dict[Action, Transition] = {
    Action.START_DRAFTING: Transition(Stage.COLLECTING, (Stage.DRAFTING,), "planning_staff"),
    Action.SUBMIT: Transition(Stage.DRAFTING, (Stage.COMMITTEE_REVIEW,), "planning_staff"),
    # An approval leaves the plan under review until the approvals reach the quorum.
    Action.APPROVE: Transition(
        Stage.COMMITTEE_REVIEW, (Stage.COMMITTEE_REVIEW, Stage.PROPOSED), "committee_member"
    ),
    Action.COMMITTEE_RETURN: Transition(
        Stage.COMMITTEE_REVIEW, (Stage.DRAFTING,), "committee_member", comment_required=True
    ),
    Action.ANNOUNCE: Transition(Stage.PROPOSED, (Stage.ANNOUNCED,), "executive"),
    Action.EXECUTIVE_RETURN: Transition(
        Stage.PROPOSED, (Stage.DRAFTING,), "executive", comment_required=True
    ),
}
