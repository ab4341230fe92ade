"""Where a notice stands (a plan's own, or a round's report: notices/notice.py), read from its
postings under its rule."""

from datetime import date

from notices.models import Posting
from notices.notice import Notice, posting_rule, report_posting_rule
from notices.posting import PlanPostingStatus, plan_posting_status

__all__ = ["REQUIRED", "notice_rows", "notice_status", "posting_rule", "report_posting_rule"]

# Places every announced notice must be posted at; village boards are counted once recorded.
REQUIRED = (Posting.Place.OFFICE, Posting.Place.WEBSITE)


def notice_status(subject, postings: list[Posting], today: date) -> PlanPostingStatus:
    """subject: the notice, or the plan (or round) whose notice it is."""
    notice = Notice.of(subject)
    recorded = [(p.label, p.posted_on, p.taken_down_on) for p in postings]
    missing = [
        (Posting.Place(place).label, None, None)
        for place in REQUIRED
        if not any(p.place == place for p in postings)
    ]
    return plan_posting_status(
        announced_on=notice.announced_on,
        postings=missing + recorded,
        today=today,
        rule=notice.rule,
    )


def notice_rows(status: PlanPostingStatus, postings: list[Posting]):
    """(posting or None, label, place status) per row: required places not yet posted come
    first, in the order notice_status put them."""
    missing = len(status.places) - len(postings)
    owners = [None] * missing + list(postings)
    return [(owner, label, s) for owner, (label, s) in zip(owners, status.places, strict=True)]
