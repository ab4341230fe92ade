"""The one table of who may move a plan from which stage to which.

The stages (projects.models.Stage) and the actions (projects.models.Action) are the
vocabulary of fields in the bottom app; this table is what the workflow makes of them.
Nothing outside workflow/services.py sets a plan's stage.
"""

from dataclasses import dataclass

from projects.models import Action, Role, Stage


@dataclass(frozen=True)
class Transition:
    source: Stage
    targets: tuple[Stage, ...]
    role: Role
    comment_required: bool = False


TRANSITIONS: dict[Action, Transition] = {
    Action.START_DRAFTING: Transition(Stage.COLLECTING, (Stage.DRAFTING,), Role.PLANNING_STAFF),
    Action.SUBMIT: Transition(Stage.DRAFTING, (Stage.COMMITTEE_REVIEW,), Role.PLANNING_STAFF),
    # An approval leaves the plan under review until the approvals reach the quorum.
    Action.APPROVE: Transition(
        Stage.COMMITTEE_REVIEW, (Stage.COMMITTEE_REVIEW, Stage.PROPOSED), Role.COMMITTEE_MEMBER
    ),
    Action.COMMITTEE_RETURN: Transition(
        Stage.COMMITTEE_REVIEW, (Stage.DRAFTING,), Role.COMMITTEE_MEMBER, comment_required=True
    ),
    Action.ANNOUNCE: Transition(Stage.PROPOSED, (Stage.ANNOUNCED,), Role.EXECUTIVE),
    Action.EXECUTIVE_RETURN: Transition(
        Stage.PROPOSED, (Stage.DRAFTING,), Role.EXECUTIVE, comment_required=True
    ),
}
