"""Completion deadlines, computed by pure functions from a plan's facts and a rule set.

"Within N days from" a date is counted as that date plus N days: the day of the trigger is
not counted, as Thai administrative deadlines are usually read.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from projects.dates import add_days
from projects.models import RuleSet

END_OF_DECEMBER = "end_of_december"
DAYS_AFTER_TRIGGER = "days_after_trigger"


@dataclass(frozen=True)
class Due:
    on: date | None
    extended: bool = False

    def days_left(self, today: date) -> int | None:
        """Positive: days to go; 0: due today; negative: days overdue."""
        return None if self.on is None else (self.on - today).days


def completion_due(
    *,
    fiscal_year: int,
    supplement_number: int,
    trigger_date: date | None,
    main_plan_due: str,
    completion_days: int,
) -> date | None:
    """The date a plan must be finished by under a rule; None when the trigger is unknown."""
    if supplement_number == 0 and main_plan_due == END_OF_DECEMBER:
        # Fiscal year N (พ.ศ.) starts 1 October of N-1; its December is in ค.ศ. N-544.
        return date(fiscal_year - 544, 12, 31)
    if trigger_date is None:
        return None
    return add_days(trigger_date, completion_days)


def effective_due(computed: date | None, extensions: list[date]) -> Due:
    """The latest extension granted replaces the computed date."""
    if extensions:
        return Due(extensions[-1], extended=True)
    return Due(computed)


def describe(days_left: int | None) -> str:
    if days_left is None:
        return _("ยังคำนวณกำหนดเวลาไม่ได้: ระบุวันที่ประกาศใช้งบประมาณหรือวันที่ได้รับแจ้ง")
    if days_left > 0:
        return _("เหลืออีก %(n)s วัน") % {"n": days_left}
    if days_left == 0:
        return _("ครบกำหนดวันนี้")
    return _("เกินกำหนด %(n)s วัน") % {"n": -days_left}


def report_due_on(period_end: date, due_months: list[int]) -> date | None:
    """The last day of the first month in `due_months` (calendar months, 12 = December)
    that comes after `period_end`: a half year ending 31 March under [4, 10] is due 30 April,
    a full year ending 30 September under [12] by 31 December. None when no month is set."""
    months = {int(m) for m in due_months or () if 1 <= int(m) <= 12}
    if not months:
        return None
    year, month = period_end.year, period_end.month
    for _step in range(12):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if month in months:
            return last_of_month(year, month)
    return None  # unreachable: one of twelve months is in `months`


@dataclass(frozen=True)
class ReportDue:
    """When a round's report must be announced, under both of its rules: by the end of the
    rule set's due month, and within ``within_days`` of the day the rule set counts from
    (``counts_from``, a RuleSet.ReportDaysFrom: the committee's report to the executive, or
    the executive's presentation to the council), known once that day is (``started_on``).
    The earlier one binds."""

    by_month: date | None
    after_start: date | None = None
    within_days: int = 0
    counts_from: str = RuleSet.ReportDaysFrom.PRESENTED
    started_on: date | None = None

    @property
    def on(self) -> date | None:
        dates = [d for d in (self.by_month, self.after_start) if d is not None]
        return min(dates) if dates else None

    @property
    def counted_from_start(self) -> bool:
        """The binding date is the one counted from the start day."""
        return self.after_start is not None and self.on == self.after_start

    @property
    def counts_from_report(self) -> bool:
        return self.counts_from == RuleSet.ReportDaysFrom.REPORTED


def announce_due_on(started_on: date | None, within_days: int) -> date | None:
    """The last day to announce a report whose days run from ``started_on``: "within 15
    days of" is that day plus 15 (the day itself not counted)."""
    return None if started_on is None else add_days(started_on, within_days)


def days_late(announced_on: date, due: date | None) -> int:
    """How many days after ``due`` the report was announced; 0 when on time or no due."""
    return 0 if due is None else max(0, (announced_on - due).days)


def last_of_month(year: int, month: int) -> date:
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(after.toordinal() - 1)
