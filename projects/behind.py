"""Which projects of an announced plan are behind, and why: pure functions of dates and sums.

Two rules, each giving a reason in Thai that the page prints as it is:

1. The project's months have begun (its first month, in fiscal order, has started by today)
   but its status is still "not started".
2. Its disbursed share of the planned budget is more than BEHIND_POINTS percentage points
   below the share of the fiscal year that has passed. Done and cancelled projects, projects
   without a budget, and projects whose months have not begun are left out: nothing is yet
   expected to be paid for them.

Nothing here reads the database or the clock: the caller passes ``today``, so the rules are
tested with fixed dates and the plan's table computes them for any number of projects
without a query each.
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects import thai
from projects.figures import share
from projects.models import ProgressStatus

# How far (in percentage points of the planned budget) disbursement may trail the elapsed
# part of the fiscal year before a project is flagged. A quarter of the year: an office pays
# in arrears, after inspection, so some lag is normal; a project half way through the year
# with nothing paid is flagged, one a month late is not.
BEHIND_POINTS = Decimal("25")

# Whatever the rule, these are not behind: they are finished one way or the other.
FINISHED = frozenset({ProgressStatus.DONE, ProgressStatus.CANCELLED})


def month_start(month: int, fiscal_year: int) -> date:
    """The first day of calendar ``month`` within fiscal year ``fiscal_year`` (พ.ศ.)."""
    return date(thai.fiscal_month_year_be(month, fiscal_year) - thai.BE_OFFSET, month, 1)


def first_month(months, fiscal_year: int) -> date | None:
    """The first day of the project's first month in fiscal order; None without months."""
    ordered = [m for m in thai.FISCAL_MONTHS if m in set(months or ())]
    return month_start(ordered[0], fiscal_year) if ordered else None


def elapsed_share(fiscal_year: int, today: date) -> Decimal:
    """The part of the fiscal year passed by the end of ``today``, in per cent (0 to 100)."""
    starts, ends = thai.fiscal_year_dates(fiscal_year)
    if today < starts:
        return Decimal("0.00")
    days = (min(today, ends) - starts).days + 1
    return share(days, (ends - starts).days + 1)


def _month_label(day: date) -> str:
    return f"{thai.month_abbr(day.month, lang=get_language())} {thai.buddhist_year(day)}"


def behind_reasons(
    *,
    months,
    fiscal_year: int,
    status: str,
    planned: Decimal,
    disbursed: Decimal,
    today: date,
) -> list[str]:
    """Why the project is behind, one Thai sentence per rule it breaks; empty if it is not."""
    if status in FINISHED:
        return []
    reasons = []
    begins = first_month(months, fiscal_year)
    if begins is None or begins > today:
        return reasons
    if status == ProgressStatus.NOT_STARTED:
        reasons.append(
            _("ถึงเดือนที่กำหนดดำเนินการแล้ว (เริ่ม %(month)s) แต่ยังไม่ได้เริ่มดำเนินการ")
            % {"month": _month_label(begins)}
        )
    if planned and planned > 0:
        paid = share(disbursed or 0, planned)
        elapsed = elapsed_share(fiscal_year, today)
        if elapsed - paid > BEHIND_POINTS:
            reasons.append(
                _(
                    "เบิกจ่ายแล้วร้อยละ %(paid)s ของงบประมาณตามแผน ขณะที่ปีงบประมาณผ่านไปแล้วร้อยละ "
                    "%(elapsed)s (ต่างกันเกิน %(points)s จุด)"
                )
                % {
                    "paid": thai.percent(paid),
                    "elapsed": thai.percent(elapsed),
                    "points": f"{BEHIND_POINTS:.0f}",
                }
            )
    return reasons
