"""Every step of a monitoring round and its report: guard, lock, write, audit, notify.

The same shape as workflow/services.py for plans: each step locks the round's row, checks
ROUND_TRANSITIONS for the stage and the actor's role, writes, records an AuditEvent of the
plan (kind ROUND_TRANSITION, the round set, ``changes["stage"]`` = [old, new]) and queues
its messages, all in one transaction. Nothing else sets a round's stage.

    open ──close──▶ drafting ──submit──▶ committee_review ──approve (quorum)──▶ proposed
                       ▲                        │ return                          │
                       └────────────────────────┴──────────── executive return ───┘
    proposed ──present──▶ proposed      (the day it went to the council; again to correct it)
    proposed ──announce──▶ announced   (the report is issued: notices/reports.py)

The quorum's approval is the committee's report to the executive: its day is kept
(``reported_on``), as the executive's presentation is (``presented_on``); the rule set says
from which of the two the days to announce run, and the executive's return clears both.

Closing copies each project's record into RoundEntry rows: the snapshot the report, its PDF
and the public pages read, and that nothing changes afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.access import roles_in
from projects.models import (
    ROUND_MONTHS,
    Action,
    AuditEvent,
    Membership,
    MonitoringRound,
    OperationsPlan,
    Role,
    RoundKind,
    RoundStage,
    RuleSet,
    Stage,
)
from projects.public_state import organization_changed
from projects.thai import fiscal_year_dates, thai_date
from workflow import deadlines, notify
from workflow.models import RoundAnnouncement, RoundVote, Vote
from workflow.rules import report_deadline
from workflow.services import NotAllowed, WorkflowError, WrongStage
from workflow.snapshots import round_snapshot

# The history's names of a late announcement's due date, counted from the presentation to
# the council or from the committee's report (projects/history.py labels both).
ANNOUNCE_DUE = "announce_due"
ANNOUNCE_DUE_FROM_REPORT = "announce_due_from_report"


@dataclass(frozen=True)
class RoundTransition:
    source: RoundStage
    targets: tuple[RoundStage, ...]
    role: Role
    comment_required: bool = False


ROUND_TRANSITIONS: dict[Action, RoundTransition] = {
    Action.ROUND_CLOSE: RoundTransition(
        RoundStage.OPEN, (RoundStage.DRAFTING,), Role.PLANNING_STAFF
    ),
    Action.REPORT_SUBMIT: RoundTransition(
        RoundStage.DRAFTING, (RoundStage.COMMITTEE_REVIEW,), Role.PLANNING_STAFF
    ),
    Action.REPORT_APPROVE: RoundTransition(
        RoundStage.COMMITTEE_REVIEW,
        (RoundStage.COMMITTEE_REVIEW, RoundStage.PROPOSED),
        Role.MONITORING_COMMITTEE,
    ),
    Action.REPORT_RETURN: RoundTransition(
        RoundStage.COMMITTEE_REVIEW,
        (RoundStage.DRAFTING,),
        Role.MONITORING_COMMITTEE,
        comment_required=True,
    ),
    # The stage stays: recording the day of the council only starts the 15 days.
    Action.REPORT_PRESENT: RoundTransition(
        RoundStage.PROPOSED, (RoundStage.PROPOSED,), Role.EXECUTIVE
    ),
    Action.REPORT_ANNOUNCE: RoundTransition(
        RoundStage.PROPOSED, (RoundStage.ANNOUNCED,), Role.EXECUTIVE
    ),
    Action.REPORT_EXEC_RETURN: RoundTransition(
        RoundStage.PROPOSED, (RoundStage.DRAFTING,), Role.EXECUTIVE, comment_required=True
    ),
}


def period_of(plan: OperationsPlan, kind: RoundKind) -> tuple[date, date]:
    """The first and last day a kind of round covers in the plan's fiscal year."""
    first, last = ROUND_MONTHS[RoundKind(kind)]
    start, _end = fiscal_year_dates(plan.fiscal_year)
    month0 = start.month - 1 + first - 1  # months counted from January of start.year
    begins = date(start.year + month0 // 12, month0 % 12 + 1, 1)
    month1 = start.month - 1 + last  # the month after the last one
    after = date(start.year + month1 // 12, month1 % 12 + 1, 1)
    return begins, date.fromordinal(after.toordinal() - 1)


def monitoring_quorum(organization) -> int:
    """Approvals needed: the rule set's number, or a majority of the monitoring committee."""
    rules = RuleSet.for_organization(organization)
    if rules.monitoring_quorum:
        return rules.monitoring_quorum
    members = Membership.objects.filter(
        organization=organization, role=Role.MONITORING_COMMITTEE
    ).count()
    return members // 2 + 1


def _lock(round: MonitoringRound) -> MonitoringRound:
    return (
        MonitoringRound.objects.select_for_update(of=("self",))
        .select_related("plan__organization")
        .get(pk=round.pk)
    )


def _check(round: MonitoringRound, action: Action, by, comment: str = "") -> None:
    transition = ROUND_TRANSITIONS[action]
    if transition.role not in roles_in(by, round.plan.organization_id):
        raise NotAllowed(_("คุณไม่มีสิทธิ์ “%(action)s” ในรอบการติดตามนี้") % {"action": action.label})
    if round.stage != transition.source:
        raise WrongStage(
            _("ทำรายการ “%(action)s” ไม่ได้ เพราะรอบการติดตามอยู่ในขั้น “%(stage)s” แล้ว")
            % {"action": action.label, "stage": RoundStage(round.stage).label}
        )
    if transition.comment_required and not comment.strip():
        raise WorkflowError(_("กรุณาระบุความเห็นหรือสิ่งที่ต้องแก้ไข"))


def _event(round, action: Action, by, *, old: str, new: str, comment: str = "", **changes):
    return AuditEvent.objects.create(
        plan_id=round.plan_id,
        round=round,
        kind=AuditEvent.Kind.ROUND_TRANSITION if old != new else AuditEvent.Kind.ROUND_VOTE,
        action=action,
        actor=by,
        comment=comment,
        subject=str(round.get_kind_display()),
        changes={"stage": [old, new], **changes} if old != new else changes,
    )


def _move(round, action: Action, by, to: RoundStage, comment: str = "", **changes) -> None:
    _event(round, action, by, old=round.stage, new=to, comment=comment, **changes)
    round.stage = to
    round.save(update_fields=["stage", "updated_at"])


def round_open(*, plan: OperationsPlan, by, kind: RoundKind) -> MonitoringRound:
    """Open a round of an announced plan for its period; one round of each kind a plan."""
    kind = RoundKind(kind)
    with transaction.atomic():
        plan = (
            OperationsPlan.objects.select_for_update(of=("self",))
            .select_related("organization")
            .get(pk=plan.pk)
        )
        if Role.PLANNING_STAFF not in roles_in(by, plan.organization_id):
            raise NotAllowed(_("เฉพาะเจ้าหน้าที่วิเคราะห์นโยบายและแผนเท่านั้นที่เปิดรอบการติดตามได้"))
        if plan.stage != Stage.ANNOUNCED:
            raise WrongStage(_("เปิดรอบการติดตามได้เมื่อแผนประกาศใช้แล้วเท่านั้น"))
        if plan.rounds.filter(kind=kind).exists():
            raise WorkflowError(_("แผนนี้มี “%(kind)s” แล้ว") % {"kind": kind.label})
        start, end = period_of(plan, kind)
        try:
            with transaction.atomic():
                round = MonitoringRound.objects.create(
                    plan=plan, kind=kind, period_start=start, period_end=end, opened_by=by
                )
        except IntegrityError:
            raise WorkflowError(_("แผนนี้มี “%(kind)s” แล้ว") % {"kind": kind.label}) from None
        _event(round, Action.ROUND_OPEN, by, old="", new=RoundStage.OPEN)
    return round


def round_close(*, round: MonitoringRound, by) -> MonitoringRound:
    """Close the round: its snapshot is taken now and never changes afterwards."""
    with transaction.atomic():
        round = _lock(round)
        _check(round, Action.ROUND_CLOSE, by)
        count = round_snapshot(round)
        round.closed_by, round.closed_at = by, timezone.now()
        round.save(update_fields=["closed_by", "closed_at", "updated_at"])
        _event(
            round,
            Action.ROUND_CLOSE,
            by,
            old=round.stage,
            new=RoundStage.DRAFTING,
            projects=["", str(count)],
        )
        round.stage = RoundStage.DRAFTING
        round.save(update_fields=["stage", "updated_at"])
        # The public pages show the latest closed round's figures.
        slug = round.plan.organization.slug
        transaction.on_commit(lambda: organization_changed(slug))
    return round


def report_edit(*, round: MonitoringRound, by, findings: str, recommendations: str):
    """Staff write the report's problems and recommendations while drafting it."""
    with transaction.atomic():
        round = _lock(round)
        if Role.PLANNING_STAFF not in roles_in(by, round.plan.organization_id):
            raise NotAllowed(_("เฉพาะเจ้าหน้าที่วิเคราะห์นโยบายและแผนเท่านั้นที่แก้ไขรายงานได้"))
        if round.stage != RoundStage.DRAFTING:
            raise WrongStage(
                _("แก้ไขรายงานไม่ได้ เพราะรอบการติดตามอยู่ในขั้น “%(stage)s”")
                % {"stage": RoundStage(round.stage).label}
            )
        changes = {}
        for name, value in (("findings", findings), ("recommendations", recommendations)):
            value = value.strip()
            if getattr(round, name) != value:
                changes[name] = [getattr(round, name), value]
                setattr(round, name, value)
        if changes:
            round.save(update_fields=[*changes, "updated_at"])
            AuditEvent.objects.create(
                plan_id=round.plan_id,
                round=round,
                kind=AuditEvent.Kind.ROUND_TRANSITION,
                actor=by,
                subject=str(round.get_kind_display()),
                changes=changes,
            )
    return round


def report_submit(*, round: MonitoringRound, by, comment: str = "") -> MonitoringRound:
    with transaction.atomic():
        round = _lock(round)
        _check(round, Action.REPORT_SUBMIT, by)
        round.submission_number += 1
        round.save(update_fields=["submission_number", "updated_at"])
        _move(round, Action.REPORT_SUBMIT, by, RoundStage.COMMITTEE_REVIEW, comment)
        notify.report_submitted(round)
    return round


def report_vote(*, round: MonitoringRound, by, approve: bool, comment: str = "") -> RoundVote:
    action = Action.REPORT_APPROVE if approve else Action.REPORT_RETURN
    with transaction.atomic():
        round = _lock(round)
        _check(round, action, by, comment)
        if round.votes.filter(number=round.submission_number, member=by).exists():
            raise WorkflowError(_("คุณลงมติสำหรับการเสนอครั้งนี้แล้ว"))
        vote = RoundVote.objects.create(
            round=round,
            number=round.submission_number,
            member=by,
            decision=Vote.Decision.APPROVE if approve else Vote.Decision.RETURN,
            comment=comment.strip(),
        )
        approvals = round.votes.filter(
            number=round.submission_number, decision=Vote.Decision.APPROVE
        ).count()
        if not approve:
            _move(round, action, by, RoundStage.DRAFTING, comment)
            notify.report_returned(round, by, comment)
        elif approvals >= monitoring_quorum(round.plan.organization):
            # The committee has reported to the executive today: under the 2559 rule the
            # days to announce run from here (workflow/rules.py report_start).
            reported_on = timezone.localdate()
            _move(
                round,
                action,
                by,
                RoundStage.PROPOSED,
                comment,
                reported_on=["", reported_on.isoformat()],
            )
            round.reported_on = reported_on
            round.save(update_fields=["reported_on", "updated_at"])
            due = report_deadline(round)
            notify.report_approved(round, due.after_start if due.counts_from_report else None)
        else:
            _event(round, action, by, old=round.stage, new=round.stage, comment=comment)
    return vote


def report_executive_return(*, round: MonitoringRound, by, comment: str) -> MonitoringRound:
    with transaction.atomic():
        round = _lock(round)
        _check(round, Action.REPORT_EXEC_RETURN, by, comment)
        # The corrected report is approved and presented to the council again; the 15 days
        # of this report or presentation must not run against it.
        cleared = {
            name: [getattr(round, name).isoformat(), ""]
            for name in ("reported_on", "presented_on")
            if getattr(round, name)
        }
        _move(round, Action.REPORT_EXEC_RETURN, by, RoundStage.DRAFTING, comment, **cleared)
        if cleared:
            for name in cleared:
                setattr(round, name, None)
            round.save(update_fields=[*cleared, "updated_at"])
        notify.report_returned(round, by, comment)
    return round


def _closed_on(round: MonitoringRound) -> date | None:
    return timezone.localtime(round.closed_at).date() if round.closed_at else None


def _record_presentation(round: MonitoringRound, by, presented_on: date) -> bool:
    """Check and keep the day of the council on the locked round, with its history entry;
    False when that day was already recorded (nothing to write)."""
    if presented_on > timezone.localdate():
        raise WorkflowError(_("วันที่เสนอสภาท้องถิ่นต้องไม่เป็นวันในอนาคต"))
    closed = _closed_on(round)
    if closed and presented_on < closed:
        raise WorkflowError(
            _("วันที่เสนอสภาท้องถิ่นต้องไม่ก่อนวันที่ปิดรอบการติดตาม (%(closed)s)")
            % {"closed": thai_date(closed, lang=get_language())}
        )
    if round.reported_on and presented_on < round.reported_on:
        raise WorkflowError(
            _("วันที่เสนอสภาท้องถิ่นต้องไม่ก่อนวันที่คณะกรรมการติดตามฯ รายงานผล (%(on)s)")
            % {"on": thai_date(round.reported_on, lang=get_language())}
        )
    if round.presented_on == presented_on:
        return False
    old = round.presented_on.isoformat() if round.presented_on else ""
    AuditEvent.objects.create(
        plan_id=round.plan_id,
        round=round,
        kind=AuditEvent.Kind.ROUND_TRANSITION,
        action=Action.REPORT_PRESENT,
        actor=by,
        subject=str(round.get_kind_display()),
        changes={"presented_on": [old, presented_on.isoformat()]},
    )
    round.presented_on = presented_on
    round.save(update_fields=["presented_on", "updated_at"])
    return True


def report_present(*, round: MonitoringRound, by, presented_on: date) -> MonitoringRound:
    """The executive records the day the approved report was presented to the local council
    and the development committee (ระเบียบฯ ข้อ ๓๐ (๕)): under a rule set counting from the
    presentation, the report_within_days to announce it run from that day. Recorded again,
    it is corrected, until the report is announced; each recording is in the history with
    the old and the new day."""
    with transaction.atomic():
        round = _lock(round)
        _check(round, Action.REPORT_PRESENT, by)
        if _record_presentation(round, by, presented_on):
            due = report_deadline(round).after_start
            if due:
                notify.report_presented(round, due)
    return round


def report_announce(
    *,
    round: MonitoringRound,
    by,
    announced_on: date,
    signer_name: str,
    signer_title: str,
    presented_on: date | None = None,
    issue: Callable[[MonitoringRound, object], object],
) -> RoundAnnouncement:
    """Announce the round's report and ``issue(round, by)`` its document and website
    posting, in one transaction (notices/reports.py passes the issuer, as for plans).

    The day of the council is the one recorded on the round (report_present); without one,
    ``presented_on`` may give it, and it is recorded on the round too. Announced later than
    report_within_days after the day the rule set counts from (the presentation, or the
    committee's report), the report is still announced (refusing would not make it on
    time), and its history says by how many days it was late."""
    with transaction.atomic():
        round = _lock(round)
        _check(round, Action.REPORT_ANNOUNCE, by)
        if not signer_name.strip() or not signer_title.strip():
            raise WorkflowError(_("กรุณาระบุชื่อและตำแหน่งผู้ลงนามประกาศ"))
        today = timezone.localdate()
        if announced_on > today:
            raise WorkflowError(_("วันที่ประกาศต้องไม่เป็นวันในอนาคต"))
        if presented_on and round.presented_on and presented_on != round.presented_on:
            # Someone recorded another day since this form was shown.
            raise WorkflowError(
                _("วันที่เสนอสภาท้องถิ่นบันทึกไว้แล้วเป็น %(on)s กรุณาตรวจสอบก่อนลงนามประกาศ")
                % {"on": thai_date(round.presented_on, lang=get_language())}
            )
        presented_on = round.presented_on or presented_on
        rules = RuleSet.for_organization(round.plan.organization)
        if not presented_on and rules.report_days_from == RuleSet.ReportDaysFrom.PRESENTED:
            # The rule set counts the days from the presentation: without it, lateness
            # could not be judged.
            raise WorkflowError(_("กรุณาระบุวันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา ก่อนลงนามประกาศรายงาน"))
        if round.reported_on and announced_on < round.reported_on:
            raise WorkflowError(
                _("วันที่ประกาศต้องไม่ก่อนวันที่คณะกรรมการติดตามฯ รายงานผล (%(on)s)")
                % {"on": thai_date(round.reported_on, lang=get_language())}
            )
        if presented_on and presented_on > announced_on:
            raise WorkflowError(
                _("วันที่ประกาศต้องไม่ก่อนวันที่เสนอสภาท้องถิ่น (%(on)s)")
                % {"on": thai_date(presented_on, lang=get_language())}
            )
        closed = _closed_on(round)
        if closed and announced_on < closed:
            raise WorkflowError(_("วันที่ประกาศต้องไม่ก่อนวันที่ปิดรอบการติดตาม"))
        if presented_on:
            _record_presentation(round, by, presented_on)
        deadline = report_deadline(round)
        late = deadlines.days_late(announced_on, deadline.after_start)
        # Kept in the history as it was judged that day, whatever the rule set says later,
        # under a name that says which day it was counted from.
        due_name = ANNOUNCE_DUE_FROM_REPORT if deadline.counts_from_report else ANNOUNCE_DUE
        lateness = (
            {due_name: ["", deadline.after_start.isoformat()], "days_late": ["", str(late)]}
            if late
            else {}
        )
        announcement = RoundAnnouncement.objects.create(
            round=round,
            presented_on=presented_on,
            announced_on=announced_on,
            signer_name=signer_name.strip(),
            signer_title=signer_title.strip(),
            by=by,
        )
        _move(round, Action.REPORT_ANNOUNCE, by, RoundStage.ANNOUNCED, **lateness)
        issue(round, by)
        notify.report_announced(round, announcement)
    return announcement
