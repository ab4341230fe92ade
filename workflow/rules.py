"""The organization's rules applied to a plan or a monitoring round: how many approvals,
and when it is due."""

from datetime import date

from projects.models import Membership, MonitoringRound, OperationsPlan, Role, RoundStage, RuleSet
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


def report_due(round: MonitoringRound, rules: RuleSet | None = None) -> date | None:
    """When the round's report must be announced: the end of the first month of the rule
    set's report_due_months after the round's period (ระเบียบฯ ข้อ ๓๐ (๕))."""
    rules = rules or RuleSet.for_organization(round.plan.organization)
    return deadlines.report_due_on(round.period_end, rules.report_due_months)


def report_start(round: MonitoringRound, rules: RuleSet) -> date | None:
    """The day the rule set's report_within_days count from: the committee's report to the
    executive (ข้อ ๒๙ (๓) as amended in 2559) or the executive's presentation to the council
    (ข้อ ๓๐ (๕) as amended in 2561); None until that day is known."""
    if rules.report_days_from == RuleSet.ReportDaysFrom.REPORTED:
        return round.reported_on
    return round.presented_on


def report_deadline(round: MonitoringRound, rules: RuleSet | None = None) -> deadlines.ReportDue:
    """Both of the report's deadlines: the due month's, and, while the report waits on the
    executive, report_within_days after the day the rule set counts from. A report sent
    back to be drafted again is reported and presented again (workflow/rounds.py clears
    both days), so an earlier day never counts for it."""
    rules = rules or RuleSet.for_organization(round.plan.organization)
    start = report_start(round, rules) if round.stage == RoundStage.PROPOSED else None
    return deadlines.ReportDue(
        by_month=report_due(round, rules),
        after_start=deadlines.announce_due_on(start, rules.report_within_days),
        within_days=rules.report_within_days,
        counts_from=rules.report_days_from,
        started_on=start,
    )


def report_overdue(round: MonitoringRound, today: date, due: date | None) -> bool:
    """Past its due date and not announced yet."""
    return due is not None and today > due and not round.is_announced
