"""What "behind" means (projects/behind.py): months begun but not started, or payments far
below the part of the fiscal year gone. Pure functions, fed fixed dates."""

from datetime import date
from decimal import Decimal

import pytest

from projects.behind import BEHIND_POINTS, behind_reasons, elapsed_share, first_month

FY = 2565  # 1 October 2021 – 30 September 2022


def reasons(today, *, months=(1, 2, 3), status="not_started", planned="100000", disbursed="0"):
    return behind_reasons(
        months=list(months),
        fiscal_year=FY,
        status=status,
        planned=Decimal(planned),
        disbursed=Decimal(disbursed),
        today=today,
    )


def test_the_first_month_is_the_first_in_fiscal_order():
    assert first_month([1, 10, 12], FY) == date(2021, 10, 1)
    assert first_month([9, 3], FY) == date(2022, 3, 1)
    assert first_month([], FY) is None


@pytest.mark.parametrize(
    ("today", "elapsed"),
    [
        (date(2021, 9, 30), Decimal("0.00")),
        (date(2021, 10, 1), Decimal("0.27")),  # 1 day of 365
        (date(2022, 3, 31), Decimal("49.86")),  # 182 of 365
        (date(2022, 9, 30), Decimal("100.00")),
        (date(2023, 1, 1), Decimal("100.00")),
    ],
)
def test_the_elapsed_share_of_the_year_counts_today(today, elapsed):
    assert elapsed_share(FY, today) == elapsed


def test_a_project_whose_months_have_not_begun_is_not_behind():
    assert reasons(date(2021, 12, 31)) == []


def test_a_project_not_started_once_its_first_month_has_begun_is_behind():
    assert reasons(date(2022, 1, 1), disbursed="100000") == [
        "ถึงเดือนที่กำหนดดำเนินการแล้ว (เริ่ม ม.ค. 2565) แต่ยังไม่ได้เริ่มดำเนินการ"
    ]
    assert reasons(date(2022, 1, 1), status="procuring", disbursed="100000") == []


def test_payments_more_than_the_threshold_below_the_elapsed_year_are_behind():
    # 5 April 2022: 187 of 365 days, 51.23 per cent of the year.
    today = date(2022, 4, 5)
    assert elapsed_share(FY, today) == Decimal("51.23")
    assert Decimal("25") == BEHIND_POINTS
    # 26.23 per cent paid: 25.00 points behind, not more.
    assert reasons(today, status="in_progress", disbursed="26230") == []
    assert reasons(today, status="in_progress", disbursed="26220") == [
        "เบิกจ่ายแล้วร้อยละ 26.22 ของงบประมาณตามแผน ขณะที่ปีงบประมาณผ่านไปแล้วร้อยละ 51.23 (ต่างกันเกิน 25 จุด)"
    ]


def test_both_rules_can_hold_at_once():
    assert len(reasons(date(2022, 6, 1))) == 2


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_finished_projects_are_never_behind(status):
    assert reasons(date(2022, 9, 30), status=status) == []


def test_a_project_without_a_budget_is_judged_on_its_start_only():
    assert reasons(date(2022, 9, 30), status="in_progress", planned="0") == []
    assert len(reasons(date(2022, 9, 30), planned="0")) == 1


def test_a_project_without_months_is_not_behind():
    assert reasons(date(2022, 9, 30), months=()) == []
