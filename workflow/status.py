"""Read-side of the workflow: where a plan stands, what is due, and what each person may do."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from projects.access import roles_in
from projects.models import Action, AuditEvent, Membership, OperationsPlan, Role, RuleSet, Stage
from workflow import deadlines
from workflow.models import Submission, Vote
from workflow.rules import committee_quorum, plan_due
from workflow.stages import TRANSITIONS, Transition


@dataclass(frozen=True)
class Step:
    """A button on the plan page: the action and what its form asks for."""

    action: Action
    transition: Transition

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def asks_for_signer(self) -> bool:
        return self.action == Action.ANNOUNCE

    @property
    def asks_for_comment(self) -> bool:
        return self.action != Action.START_DRAFTING

    @property
    def sends_back(self) -> bool:
        return self.transition.comment_required


@dataclass(frozen=True)
class CommitteeDecision:
    approvals: int
    members: int
    quorum: int
    at: object  # the datetime of the approval that reached the quorum


@dataclass
class PlanStatus:
    plan: OperationsPlan
    roles: set[str]
    rules: RuleSet
    due: deadlines.Due
    today: date
    submission: Submission | None
    approvals: int = 0
    quorum: int = 0
    my_vote: Vote | None = None
    last_return: AuditEvent | None = None
    # What staff wrote when they submitted: the committee decides with it in front of them.
    submitted: AuditEvent | None = None
    # After the committee's approval: how many approved, of how many members, and when.
    decision: "CommitteeDecision | None" = None
    actions: list[Step] = field(default_factory=list)

    @property
    def days_left(self) -> int | None:
        return self.due.days_left(self.today)

    @property
    def due_text(self) -> str:
        return deadlines.describe(self.days_left)

    @property
    def can_extend(self) -> bool:
        return Role.EXECUTIVE in self.roles and self.plan.stage != Stage.ANNOUNCED

    @property
    def steps(self) -> list[tuple[str, str]]:
        """Each stage with 'done', 'current' or 'todo', for the progress bar."""
        order = list(Stage)
        here = order.index(Stage(self.plan.stage))
        return [
            (s.label, "done" if i < here else "current" if i == here else "todo")
            for i, s in enumerate(order)
        ]


def plan_status(plan: OperationsPlan, user, today: date | None = None) -> PlanStatus:
    roles = roles_in(user, plan.organization_id)
    rules = RuleSet.for_organization(plan.organization)
    submission = plan.submissions.order_by("-number").first()
    status = PlanStatus(
        plan=plan,
        roles=roles,
        rules=rules,
        due=plan_due(plan, rules),
        today=today or timezone.localdate(),
        submission=submission,
    )
    if plan.stage == Stage.COMMITTEE_REVIEW and submission:
        votes = list(submission.votes.all())
        status.approvals = sum(v.decision == Vote.Decision.APPROVE for v in votes)
        status.quorum = committee_quorum(plan.organization)
        status.my_vote = next((v for v in votes if v.member_id == user.pk), None)
    if submission and plan.stage in (Stage.COMMITTEE_REVIEW, Stage.PROPOSED):
        status.submitted = (
            plan.events.filter(kind=AuditEvent.Kind.TRANSITION, action=Action.SUBMIT)
            .select_related("actor")
            .first()
        )
    if submission and plan.stage in (Stage.PROPOSED, Stage.ANNOUNCED):
        status.decision = _decision(plan, submission)
    if plan.stage == Stage.DRAFTING:
        status.last_return = (
            plan.events.filter(
                kind=AuditEvent.Kind.TRANSITION,
                action__in=[Action.COMMITTEE_RETURN, Action.EXECUTIVE_RETURN],
            )
            .select_related("actor")
            .first()
        )
    status.actions = [
        Step(action, t)
        for action, t in TRANSITIONS.items()
        if t.source == plan.stage and t.role in roles and not status.my_vote
    ]
    return status


def _decision(plan: OperationsPlan, submission: Submission) -> CommitteeDecision | None:
    approved = plan.events.filter(action=Action.APPROVE, to_stage=Stage.PROPOSED).first()
    if approved is None:
        return None
    return CommitteeDecision(
        approvals=submission.votes.filter(decision=Vote.Decision.APPROVE).count(),
        members=Membership.objects.filter(
            organization=plan.organization_id, role=Role.COMMITTEE_MEMBER
        ).count(),
        quorum=committee_quorum(plan.organization),
        at=approved.at,
    )
