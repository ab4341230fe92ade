"""Posting deadlines at their edges, under the seed's rule (7/21) and the regulation (15/30)."""

from datetime import date, timedelta

import pytest

from notices.posting import (
    PostingRule,
    State,
    keep_until,
    place_status,
    plan_posting_status,
    post_by,
)

SEED = PostingRule(within_days=7, keep_days=21)
REGULATION = PostingRule(within_days=15, keep_days=30)
ANNOUNCED = date(2021, 12, 20)


def status(posted_after=None, kept=None, today_after=60, rule=SEED, announced=ANNOUNCED):
    posted = announced + timedelta(days=posted_after) if posted_after is not None else None
    down = posted + timedelta(days=kept) if kept is not None else None
    return place_status(
        announced_on=announced,
        posted_on=posted,
        taken_down_on=down,
        today=announced + timedelta(days=today_after),
        rule=rule,
    )


@pytest.mark.parametrize(
    ("rule", "last_day"),
    [(SEED, 7), (REGULATION, 15)],
)
def test_it_accepts_posting_on_the_last_day_and_not_the_day_after(rule, last_day):
    assert status(posted_after=last_day, rule=rule).on_time is True
    late = status(posted_after=last_day + 1, rule=rule)
    assert late.on_time is False
    assert late.is_problem


@pytest.mark.parametrize(("rule", "days"), [(SEED, 21), (REGULATION, 30)])
def test_it_allows_taking_down_after_exactly_the_minimum(rule, days):
    assert status(posted_after=0, kept=days - 1, rule=rule).state == State.TAKEN_DOWN_EARLY
    assert status(posted_after=0, kept=days, rule=rule).state == State.KEPT
    assert status(posted_after=0, kept=days + 1, rule=rule).state == State.KEPT


@pytest.mark.parametrize(("rule", "last_day"), [(SEED, 7), (REGULATION, 15)])
def test_it_is_overdue_only_after_the_last_day(rule, last_day):
    assert status(today_after=last_day, rule=rule).state == State.NOT_YET
    assert status(today_after=last_day + 1, rule=rule).state == State.OVERDUE


def test_it_keeps_a_posted_notice_up_until_the_minimum_is_reached():
    up = status(posted_after=2, today_after=2 + 20)
    assert up.state == State.UP
    assert up.keep_until == ANNOUNCED + timedelta(days=23)
    assert status(posted_after=2, today_after=2 + 21).state == State.KEPT


@pytest.mark.parametrize(
    ("announced", "rule", "due", "until"),
    [
        # across a month end
        (date(2022, 1, 28), SEED, date(2022, 2, 4), date(2022, 2, 18)),
        # across a year end
        (date(2021, 12, 28), SEED, date(2022, 1, 4), date(2022, 1, 18)),
        (date(2021, 12, 28), REGULATION, date(2022, 1, 12), date(2022, 1, 27)),
        # February of a leap year
        (date(2024, 2, 20), REGULATION, date(2024, 3, 6), date(2024, 3, 21)),
    ],
)
def test_it_counts_across_month_and_year_ends(announced, rule, due, until):
    assert post_by(announced, rule) == due
    assert keep_until(announced, rule) == until


def test_it_summarises_a_plan_with_its_problems_and_next_date():
    summary = plan_posting_status(
        announced_on=ANNOUNCED,
        postings=[
            ("ที่ทำการ", ANNOUNCED, None),
            ("หมู่ที่ 1", ANNOUNCED + timedelta(days=9), None),  # late
            ("หมู่ที่ 2", ANNOUNCED, ANNOUNCED + timedelta(days=5)),  # taken down early
            ("เว็บไซต์", None, None),
        ],
        today=ANNOUNCED + timedelta(days=10),
        rule=SEED,
    )
    assert summary.post_by == date(2021, 12, 27)
    assert summary.problems == [
        "หมู่ที่ 1: ปิดประกาศช้ากว่ากำหนด",
        "หมู่ที่ 2: ปลดประกาศก่อนครบกำหนด",
        "เว็บไซต์: เลยกำหนดปิดประกาศแล้ว",
    ]
    # overdue website posting is the soonest thing to act on
    assert summary.next_date == date(2021, 12, 27)
    assert summary.needs_attention


def test_it_needs_nothing_once_every_place_kept_its_notice():
    summary = plan_posting_status(
        announced_on=ANNOUNCED,
        postings=[("ที่ทำการ", ANNOUNCED, ANNOUNCED + timedelta(days=25))],
        today=ANNOUNCED + timedelta(days=40),
        rule=SEED,
    )
    assert summary.problems == []
    assert summary.next_date is None
    assert not summary.needs_attention
