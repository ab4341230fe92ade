"""Read-side of a monitoring round: where it stands, when its report is due, the committee's
votes, and the steps each person may take (the buttons of workflow/round_views.py)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects.access import roles_in
from projects.models import Action, AuditEvent, MonitoringRound, Role, RoundStage, RuleSet
from projects.thai import thai_date
from workflow import deadlines
from workflow.models import RoundVote, Vote
from workflow.rounds import (
    ANNOUNCE_DUE,
    ANNOUNCE_DUE_FROM_REPORT,
    ROUND_TRANSITIONS,
    monitoring_quorum,
)
from workflow.rules import report_deadline, report_overdue

# The step buttons: the URL's key, the action it records, and what its form asks for. Editing
# the report's words is no transition, so it has a key of its own.
REPORT_EDIT = "report_edit"
RETURNS = {Action.REPORT_RETURN, Action.REPORT_EXEC_RETURN}
RETURN_ACTIONS = [Action.REPORT_RETURN.value, Action.REPORT_EXEC_RETURN.value]


@dataclass(frozen=True)
class RoundStep:
    key: str
    label: str

    @property
    def sends_back(self) -> bool:
        return self.key in RETURNS

    @property
    def asks_for_comment(self) -> bool:
        return self.key in (Action.REPORT_SUBMIT, Action.REPORT_APPROVE, *RETURNS)

    @property
    def asks_for_presentation(self) -> bool:
        return self.key == Action.REPORT_PRESENT

    @property
    def asks_for_signer(self) -> bool:
        return self.key == Action.REPORT_ANNOUNCE

    @property
    def is_edit(self) -> bool:
        return self.key == REPORT_EDIT


EDIT_STEP = RoundStep(REPORT_EDIT, _("บันทึกปัญหาอุปสรรคและข้อเสนอแนะ"))


@dataclass
class RoundStatus:
    round: MonitoringRound
    roles: set[str]
    rules: RuleSet
    today: date
    deadline: deadlines.ReportDue
    votes: list[RoundVote] = field(default_factory=list)
    quorum: int = 0
    my_vote: RoundVote | None = None
    last_return: AuditEvent | None = None
    actions: list[RoundStep] = field(default_factory=list)
    # Announced: the announcement's history entry, which says whether it was late.
    announce_event: AuditEvent | None = None

    @property
    def overdue(self) -> bool:
        """Past the binding one of its two deadlines, and not announced."""
        return report_overdue(self.round, self.today, self.deadline.on)

    @property
    def due(self) -> date | None:
        """The due month's date (the page shows the one counted from the start beside it)."""
        return self.deadline.by_month

    def _left(self, on: date | None) -> int | None:
        return None if on is None else (on - self.today).days

    @property
    def due_text(self) -> str:
        if self.due is None:
            return str(_("กฎขององค์กรไม่ได้กำหนดเดือนที่ต้องประกาศรายงาน"))
        return deadlines.describe(self._left(self.due))

    @property
    def month_overdue(self) -> bool:
        return report_overdue(self.round, self.today, self.due)

    @property
    def start_due(self) -> date | None:
        """report_within_days after the committee's report or the presentation."""
        return self.deadline.after_start

    @property
    def start_text(self) -> str:
        return deadlines.describe(self._left(self.start_due))

    @property
    def start_overdue(self) -> bool:
        return report_overdue(self.round, self.today, self.start_due)

    @property
    def days_late(self) -> int:
        """By how many days the announcement missed report_within_days from the rule set's
        start day, as recorded when it was announced (0: on time, or no such day)."""
        late = self.announce_event.changes.get("days_late") if self.announce_event else None
        return int(late[1]) if late else 0

    @property
    def late_from_report(self) -> bool:
        """The late announcement's due date was counted from the committee's report."""
        return bool(self.days_late) and ANNOUNCE_DUE_FROM_REPORT in self.announce_event.changes

    @property
    def late_due(self) -> date | None:
        if not self.days_late:
            return None
        name = ANNOUNCE_DUE_FROM_REPORT if self.late_from_report else ANNOUNCE_DUE
        return date.fromisoformat(self.announce_event.changes[name][1])

    @property
    def approvals(self) -> int:
        return sum(v.decision == Vote.Decision.APPROVE for v in self.votes)

    @property
    def steps(self) -> list[tuple[str, str]]:
        """Each stage with 'done', 'current' or 'todo', for the progress bar."""
        order = list(RoundStage)
        here = order.index(RoundStage(self.round.stage))
        return [
            (s.label, "done" if i < here else "current" if i == here else "todo")
            for i, s in enumerate(order)
        ]


def round_status(round: MonitoringRound, user, today: date | None = None) -> RoundStatus:
    roles = roles_in(user, round.plan.organization_id)
    rules = RuleSet.for_organization(round.plan.organization)
    status = RoundStatus(
        round=round,
        roles=roles,
        rules=rules,
        today=today or timezone.localdate(),
        deadline=report_deadline(round, rules),
    )
    if round.is_announced:
        status.announce_event = round.events.filter(action=Action.REPORT_ANNOUNCE).first()
    if round.submission_number:
        status.votes = list(
            round.votes.filter(number=round.submission_number).select_related("member")
        )
        status.my_vote = next((v for v in status.votes if v.member_id == user.pk), None)
    if round.stage == RoundStage.COMMITTEE_REVIEW:
        status.quorum = monitoring_quorum(round.plan.organization)
    if round.stage == RoundStage.DRAFTING and round.submission_number:
        status.last_return = (
            round.events.filter(action__in=RETURN_ACTIONS).select_related("actor").first()
        )
    status.actions = [
        RoundStep(action.value, action.label)
        for action, t in ROUND_TRANSITIONS.items()
        if t.source == round.stage
        and t.role in roles
        and not (round.stage == RoundStage.COMMITTEE_REVIEW and status.my_vote)
    ]
    if round.stage == RoundStage.DRAFTING and Role.PLANNING_STAFF in roles:
        status.actions.insert(0, EDIT_STEP)
    return status


@dataclass(frozen=True)
class WaitingRound:
    round: MonitoringRound
    reason: str
    deadline: deadlines.ReportDue
    overdue: bool

    @property
    def due(self) -> date | None:
        return self.deadline.on


def rounds_waiting(user, roles_by_org: dict[int, set[str]], today: date) -> list[WaitingRound]:
    """The rounds waiting on one of the user's roles, soonest due first, in a constant number
    of queries: committee votes not yet cast, the executive's announcement, the report staff
    draft or must correct, and every report past its due date."""
    waiting_rounds = list(
        MonitoringRound.objects.filter(plan__organization_id__in=list(roles_by_org))
        .exclude(stage=RoundStage.ANNOUNCED)
        .select_related("plan__organization__rules")
    )
    voted = set(
        RoundVote.objects.filter(member=user, round__in=waiting_rounds).values_list(
            "round_id", "number"
        )
    )
    returns: dict[int, AuditEvent] = {}
    for event in AuditEvent.objects.filter(
        round__in=[r for r in waiting_rounds if r.submission_number], action__in=RETURN_ACTIONS
    ).order_by("at", "id"):
        returns[event.round_id] = event  # the latest wins
    items = []
    for round in waiting_rounds:
        roles = roles_by_org[round.plan.organization_id]
        deadline = report_deadline(round, RuleSet.for_organization(round.plan.organization))
        overdue = report_overdue(round, today, deadline.on)
        reason = _waiting_reason(round, roles, voted, returns.get(round.pk), overdue)
        if reason:
            items.append(WaitingRound(round, reason, deadline, overdue))
    items.sort(key=lambda item: (item.due is None, item.due or today))
    return items


def _waiting_reason(round, roles, voted, last_return, overdue) -> str:
    staff = Role.PLANNING_STAFF in roles
    if round.stage == RoundStage.DRAFTING and staff:
        if round.submission_number and last_return:
            return _("รายงานถูกส่งกลับให้แก้ไข: %(comment)s") % {"comment": last_return.comment}
        return str(_("อยู่ระหว่างจัดทำรายงานผลการติดตาม"))
    if (
        round.stage == RoundStage.COMMITTEE_REVIEW
        and Role.MONITORING_COMMITTEE in roles
        and (round.pk, round.submission_number) not in voted
    ):
        return str(_("รอมติของคุณต่อรายงานผลการติดตาม"))
    if round.stage == RoundStage.PROPOSED and Role.EXECUTIVE in roles:
        if round.presented_on:
            return _("เสนอสภาท้องถิ่นแล้วเมื่อ %(on)s รอผู้บริหารลงนามประกาศรายงาน") % {
                "on": thai_date(round.presented_on, lang=get_language())
            }
        return str(_("รอผู้บริหารเสนอสภาท้องถิ่นและลงนามประกาศรายงาน"))
    if overdue and (staff or Role.EXECUTIVE in roles):
        return str(_("รายงานผลการติดตามเกินกำหนดประกาศ"))
    return ""
