"""Every change of a plan's stage, each one function: guard, lock, write, audit, notify.

Each service locks the plan's row (select_for_update) inside a transaction, checks the
transition table for the stage and the actor's role, writes the change and its audit event,
and queues the e-mail and LINE messages in the same transaction (sent by a worker after
the commit; a rollback tells no one). Two people acting on the same plan at
once are serialised by the row lock: the second sees the first's result and is refused if
the stage no longer fits.
"""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.access import roles_in
from projects.errors import DomainError
from projects.models import Action, AuditEvent, OperationsPlan, Role, Stage
from projects.thai import thai_date
from workflow import notify
from workflow.models import Announcement, DeadlineExtension, Submission, Vote
from workflow.rules import committee_quorum, plan_due
from workflow.snapshots import plan_snapshot
from workflow.stages import TRANSITIONS


class WorkflowError(DomainError):
    """A workflow step refused."""


class NotAllowed(WorkflowError):
    """The actor does not hold the role this step needs."""


class WrongStage(WorkflowError):
    """The plan is not at the stage this step starts from."""


def _lock(plan: OperationsPlan) -> OperationsPlan:
    return (
        OperationsPlan.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=plan.pk)
    )


def _check(plan: OperationsPlan, action: Action, by, comment: str = "") -> None:
    transition = TRANSITIONS[action]
    if transition.role not in roles_in(by, plan.organization_id):
        raise NotAllowed(_("คุณไม่มีสิทธิ์ “%(action)s” ในแผนนี้") % {"action": action.label})
    if plan.stage != transition.source:
        raise WrongStage(
            _("ทำรายการ “%(action)s” ไม่ได้ เพราะแผนอยู่ในขั้น “%(stage)s” แล้ว")
            % {"action": action.label, "stage": Stage(plan.stage).label}
        )
    if transition.comment_required and not comment.strip():
        raise WorkflowError(_("กรุณาระบุความเห็นหรือสิ่งที่ต้องแก้ไข"))


def _move(plan: OperationsPlan, action: Action, by, to: Stage, comment: str = "") -> None:
    AuditEvent.objects.create(
        plan=plan,
        kind=AuditEvent.Kind.TRANSITION,
        action=action,
        actor=by,
        from_stage=plan.stage,
        to_stage=to,
        comment=comment,
    )
    plan.stage = to
    plan.save(update_fields=["stage", "updated_at"])


def plan_start_drafting(*, plan: OperationsPlan, by) -> OperationsPlan:
    with transaction.atomic():
        plan = _lock(plan)
        _check(plan, Action.START_DRAFTING, by)
        _move(plan, Action.START_DRAFTING, by, Stage.DRAFTING)
    return plan


def plan_submit(*, plan: OperationsPlan, by, comment: str = "") -> Submission:
    with transaction.atomic():
        plan = _lock(plan)
        _check(plan, Action.SUBMIT, by)
        if not plan.projects.exists():
            raise WorkflowError(_("ยังเสนอไม่ได้ เพราะแผนยังไม่มีโครงการ"))
        submission = Submission.objects.create(
            plan=plan,
            number=plan.submissions.count() + 1,
            submitted_by=by,
            content=plan_snapshot(plan),
        )
        _move(plan, Action.SUBMIT, by, Stage.COMMITTEE_REVIEW, comment)
        notify.plan_submitted(plan, submission)
    return submission


def plan_vote(*, plan: OperationsPlan, by, approve: bool, comment: str = "") -> Vote:
    action = Action.APPROVE if approve else Action.COMMITTEE_RETURN
    with transaction.atomic():
        plan = _lock(plan)
        _check(plan, action, by, comment)
        submission = plan.submissions.order_by("-number").first()
        if submission.votes.filter(member=by).exists():
            raise WorkflowError(_("คุณลงมติสำหรับการเสนอครั้งนี้แล้ว"))
        vote = Vote.objects.create(
            submission=submission,
            member=by,
            decision=Vote.Decision.APPROVE if approve else Vote.Decision.RETURN,
            comment=comment,
        )
        if not approve:
            _move(plan, action, by, Stage.DRAFTING, comment)
            notify.plan_returned(plan, by, comment)
        elif submission.votes.filter(decision=Vote.Decision.APPROVE).count() >= committee_quorum(
            plan.organization
        ):
            _move(plan, action, by, Stage.PROPOSED, comment)
            notify.plan_approved(plan)
        else:
            AuditEvent.objects.create(
                plan=plan, kind=AuditEvent.Kind.VOTE, action=action, actor=by, comment=comment
            )
    return vote


def plan_executive_return(*, plan: OperationsPlan, by, comment: str) -> OperationsPlan:
    with transaction.atomic():
        plan = _lock(plan)
        _check(plan, Action.EXECUTIVE_RETURN, by, comment)
        _move(plan, Action.EXECUTIVE_RETURN, by, Stage.DRAFTING, comment)
        notify.plan_returned(plan, by, comment)
    return plan


def plan_announce(
    *,
    plan: OperationsPlan,
    by,
    announced_on: date,
    signer_name: str,
    signer_title: str,
    issue: Callable[[OperationsPlan, object], object],
) -> Announcement:
    """Announce the plan, and ``issue(plan, by)`` what the public is told, in one transaction.

    The issuing belongs to the layer above (notices.services.plan_announce passes it): this
    app does not know what a notice is, but an announced plan must never be left without
    one, so there is no announcing without saying what is issued.
    """
    with transaction.atomic():
        plan = _lock(plan)
        _check(plan, Action.ANNOUNCE, by)
        if not signer_name.strip() or not signer_title.strip():
            raise WorkflowError(_("กรุณาระบุชื่อและตำแหน่งผู้ลงนามประกาศ"))
        if announced_on > timezone.localdate():
            raise WorkflowError(_("วันที่ประกาศต้องไม่เป็นวันในอนาคต"))
        approved = plan.events.filter(to_stage=Stage.PROPOSED).order_by("-at").first()
        if approved and announced_on < timezone.localtime(approved.at).date():
            raise WorkflowError(_("วันที่ประกาศต้องไม่ก่อนวันที่คณะกรรมการพัฒนาเห็นชอบร่างแผน"))
        announcement = Announcement.objects.create(
            plan=plan,
            announced_on=announced_on,
            signer_name=signer_name.strip(),
            signer_title=signer_title.strip(),
            by=by,
        )
        _move(plan, Action.ANNOUNCE, by, Stage.ANNOUNCED)
        issue(plan, by)
        notify.plan_announced(plan, announcement)
    return announcement


def plan_extend_deadline(
    *, plan: OperationsPlan, by, new_due: date, reason: str
) -> DeadlineExtension:
    with transaction.atomic():
        plan = _lock(plan)
        if Role.EXECUTIVE not in roles_in(by, plan.organization_id):
            raise NotAllowed(_("เฉพาะผู้บริหารเท่านั้นที่ขยายกำหนดเวลาได้"))
        if plan.stage == Stage.ANNOUNCED:
            raise WrongStage(_("แผนประกาศแล้ว ไม่ต้องขยายกำหนดเวลา"))
        if not reason.strip():
            raise WorkflowError(_("กรุณาระบุเหตุผลของการขยายกำหนดเวลา"))
        current = plan_due(plan).on
        if current and new_due <= current:
            raise WorkflowError(
                _("กำหนดเวลาใหม่ต้องหลังกำหนดเวลาเดิม (%(due)s) จึงจะเป็นการขยาย")
                % {"due": thai_date(current, lang=get_language())}
            )
        if new_due > plan.ends_on:
            raise WorkflowError(f"กำหนดเวลาใหม่ต้องไม่เกินวันสิ้นปีงบประมาณ ({thai_date(plan.ends_on)})")
        extension = DeadlineExtension.objects.create(
            plan=plan, new_due=new_due, reason=reason.strip(), by=by
        )
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.DEADLINE,
            action=Action.EXTEND_DEADLINE,
            actor=by,
            comment=reason.strip(),
            # Old and new due date, the old one as computed from the rules when no extension
            # came before; "" only when the rules could not compute one.
            changes={"due": [current.isoformat() if current else "", new_due.isoformat()]},
        )
    return extension
