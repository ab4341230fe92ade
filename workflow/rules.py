"""The organization's rules applied to a plan: how many approvals, and when it is due."""

from projects.models import Membership, OperationsPlan, Role, RuleSet
from workflow import deadlines


def committee_quorum(organization) -> int:
    """Approvals needed: the rule set's number, or a majority of the committee members."""
    rules = RuleSet.for_organization(organization)
    if rules.committee_quorum:
        return rules.committee_quorum
    members = Membership.objects.filter(
        organization=organization, role=Role.COMMITTEE_MEMBER
    ).count()
    return members // 2 + 1


def plan_due(plan: OperationsPlan, rules: RuleSet | None = None) -> deadlines.Due:
    rules = rules or RuleSet.for_organization(plan.organization)
    computed = deadlines.completion_due(
        fiscal_year=plan.fiscal_year,
        supplement_number=plan.supplement_number,
        trigger_date=plan.trigger_date,
        main_plan_due=rules.main_plan_due,
        completion_days=rules.completion_days,
    )
    extensions = [e.new_due for e in plan.extensions.order_by("at", "id")]
    return deadlines.effective_due(computed, extensions)
