"""The plan's history: every step a plan takes and every change to its projects.

Written by the services that make the changes (projects/services.py, workflow/services.py),
inside the same transaction, so nothing changes without its entry; read on the history page.
"""

import re
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.history import TRACKED
from projects.models.plans import Stage
from projects.thai import thai_date

# What each key of AuditEvent.changes is called on the history page.
CHANGE_LABELS = {
    **TRACKED,
    "due": "กำหนดเวลา",
    "fiscal_year": "ปีงบประมาณ (พ.ศ.)",
    "supplement_number": "เพิ่มเติมครั้งที่",
    "trigger_date": "วันที่ตั้งงบประมาณหรือได้รับแจ้งโครงการ",
    "place": "สถานที่ปิดประกาศ",
    "posted_on": "วันที่ปิดประกาศ",
    "taken_down_on": "วันที่ปลดประกาศ",
    "document": "เอกสารแผนที่ประกาศ",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value):
    """Dates are stored ISO in the changes and shown in พ.ศ."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return thai_date(date.fromisoformat(value))
    return value


class Action(models.TextChoices):
    """What a person did to a plan. workflow/stages.py says which stage each one moves from
    and to, and who may take it."""

    START_DRAFTING = "start_drafting", _("เริ่มจัดทำร่าง")
    SUBMIT = "submit", _("เสนอคณะกรรมการพัฒนา")
    APPROVE = "approve", _("เห็นชอบ")
    COMMITTEE_RETURN = "committee_return", _("ส่งกลับให้แก้ไข (คณะกรรมการ)")
    ANNOUNCE = "announce", _("ลงนามประกาศ")
    EXECUTIVE_RETURN = "executive_return", _("ส่งกลับให้แก้ไข (ผู้บริหาร)")
    EXTEND_DEADLINE = "extend_deadline", _("ขยายกำหนดเวลา")


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        TRANSITION = "transition", _("เปลี่ยนขั้นตอน")
        VOTE = "vote", _("ลงมติ")
        DEADLINE = "deadline", _("ขยายกำหนดเวลา")
        PROJECT_CREATED = "project_created", _("เพิ่มโครงการ")
        PROJECT_UPDATED = "project_updated", _("แก้ไขโครงการ")
        PROJECT_DELETED = "project_deleted", _("ลบโครงการ")
        PLAN_CREATED = "plan_created", _("สร้างแผน")
        POSTING_RECORDED = "posting_recorded", _("บันทึกการปิดประกาศ")
        POSTING_TAKEN_DOWN = "posting_taken_down", _("บันทึกการปลดประกาศ")
        DOCUMENT_RETRIED = "document_retried", _("สั่งจัดทำเอกสารอีกครั้ง")

    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    comment = models.TextField(blank=True)
    # Kept as text as well as a link, so the history survives the project's deletion.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project_title = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-at", "-id"]
        indexes = [models.Index(fields=["plan", "-at"], name="auditevent_plan_at_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.project_title or self.action}"

    @property
    def is_transition(self) -> bool:
        return self.kind == self.Kind.TRANSITION

    @property
    def change_rows(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for display; labels come from the snapshot's field list."""
        return [
            (CHANGE_LABELS.get(k, k), _shown(old), _shown(new))
            for k, (old, new) in self.changes.items()
        ]
