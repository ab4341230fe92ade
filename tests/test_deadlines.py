"""Completion deadlines with fixed dates, under both rule presets."""

from datetime import date

import pytest

from workflow import deadlines
from workflow.deadlines import DAYS_AFTER_TRIGGER, END_OF_DECEMBER


def due(*, fy=2565, supplement=0, trigger=None, rule=END_OF_DECEMBER, days=30):
    return deadlines.completion_due(
        fiscal_year=fy,
        supplement_number=supplement,
        trigger_date=trigger,
        main_plan_due=rule,
        completion_days=days,
    )


def test_it_makes_the_main_plan_due_at_the_end_of_december_of_the_fiscal_year():
    # FY 2565 runs 1 Oct 2021 – 30 Sep 2022: its December is December 2021.
    assert due(fy=2565) == date(2021, 12, 31)
    assert due(fy=2566) == date(2022, 12, 31)


def test_it_makes_a_supplement_due_30_days_after_its_trigger():
    assert due(supplement=1, trigger=date(2022, 3, 15)) == date(2022, 4, 14)
    # across a month end and a year end
    assert due(supplement=2, trigger=date(2021, 12, 20)) == date(2022, 1, 19)
    assert due(supplement=1, trigger=date(2024, 2, 1)) == date(2024, 3, 2)  # leap year


def test_it_counts_the_main_plan_from_the_budget_under_the_2561_regulation():
    assert due(rule=DAYS_AFTER_TRIGGER, trigger=date(2021, 9, 20)) == date(2021, 10, 20)
    assert due(rule=DAYS_AFTER_TRIGGER, trigger=None) is None


def test_it_cannot_compute_a_supplement_without_its_trigger():
    assert due(supplement=1, trigger=None) is None


def test_it_lets_the_latest_extension_replace_the_computed_date():
    assert deadlines.effective_due(date(2021, 12, 31), []) == deadlines.Due(date(2021, 12, 31))
    extended = deadlines.effective_due(date(2021, 12, 31), [date(2022, 1, 15), date(2022, 1, 31)])
    assert extended == deadlines.Due(date(2022, 1, 31), extended=True)


@pytest.mark.parametrize(
    ("today", "left", "text"),
    [
        (date(2021, 12, 30), 1, "เหลืออีก 1 วัน"),
        (date(2021, 12, 31), 0, "ครบกำหนดวันนี้"),
        (date(2022, 1, 1), -1, "เกินกำหนด 1 วัน"),
        (date(2021, 10, 1), 91, "เหลืออีก 91 วัน"),
    ],
)
def test_it_counts_days_left_and_overdue(today, left, text):
    d = deadlines.Due(date(2021, 12, 31))
    assert d.days_left(today) == left
    assert deadlines.describe(d.days_left(today)) == text


def test_it_says_why_a_deadline_is_unknown():
    assert deadlines.Due(None).days_left(date(2022, 1, 1)) is None
    assert "ระบุวันที่ประกาศใช้งบประมาณ" in deadlines.describe(None)
