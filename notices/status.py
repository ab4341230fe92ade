"""Where a plan's notice stands, read from its postings under the organization's rule."""

from datetime import date

from notices.models import Posting
from notices.posting import PlanPostingStatus, PostingRule, plan_posting_status
from projects.models import RuleSet

# Places every announced plan must be posted at; village boards are counted once recorded.
REQUIRED = (Posting.Place.OFFICE, Posting.Place.WEBSITE)


def posting_rule(organization) -> PostingRule:
    rules = RuleSet.for_organization(organization)
    return PostingRule(
        within_days=rules.posting_within_days,
        keep_days=rules.posting_keep_days,
        source=rules.legal_source,
    )


def notice_status(plan, postings: list[Posting], today: date) -> PlanPostingStatus:
    recorded = [(p.label, p.posted_on, p.taken_down_on) for p in postings]
    missing = [
        (Posting.Place(place).label, None, None)
        for place in REQUIRED
        if not any(p.place == place for p in postings)
    ]
    return plan_posting_status(
        announced_on=plan.announcement.announced_on,
        postings=missing + recorded,
        today=today,
        rule=posting_rule(plan.organization),
    )


def notice_rows(status: PlanPostingStatus, postings: list[Posting]):
    """(posting or None, label, place status) per row: required places not yet posted come
    first, in the order notice_status put them."""
    missing = len(status.places) - len(postings)
    owners = [None] * missing + list(postings)
    return [(owner, label, s) for owner, (label, s) in zip(owners, status.places, strict=True)]
