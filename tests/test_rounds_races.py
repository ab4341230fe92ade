"""Races on one round, on real concurrent connections (see tests/test_workflow_races.py):
the round's row lock lets one of two staff close it, so there is one snapshot, two
approvals that together reach the quorum move the report once, two recordings of the day of
the council each read the one before, and a recording against the announcement is in it
or refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import (
    AuditEvent,
    MonitoringRound,
    Role,
    RoundEntry,
    RoundKind,
    RoundStage,
)
from tests.rounds_support import at
from tests.support import add_project, announce, make_user, make_world
from tests.test_workflow_races import race, widen
from workflow import rounds
from workflow.models import RoundAnnouncement, RoundVote

pytestmark = pytest.mark.django_db(transaction=True)


def make_round(*, staff=2, monitors=2):
    world = make_world("race", "องค์การบริหารส่วนตำบลแข่งกัน")
    org = world["org"]
    add_project(world, title="โครงการแรก", amounts=("1000",))
    add_project(world, title="โครงการที่สอง", amounts=("2000",))
    plan = announce(world["plan"])
    staff = [make_user(f"staff{i}", org, Role.PLANNING_STAFF) for i in range(staff)]
    monitors = [make_user(f"monitor{i}", org, Role.MONITORING_COMMITTEE) for i in range(monitors)]
    round = rounds.round_open(plan=plan, by=staff[0], kind=RoundKind.HALF_YEAR)
    return round, staff, monitors


def test_two_staff_closing_at_once_take_one_snapshot(monkeypatch):
    round, staff, _ = make_round(staff=2)
    widen(monkeypatch, rounds, "roles_in")
    outcomes = race(*(lambda by=by: rounds.round_close(round=round, by=by) for by in staff))
    assert sorted(outcomes) == ["WrongStage", "ok"]
    assert RoundEntry.objects.filter(round=round).count() == 2
    closes = AuditEvent.objects.filter(round=round, action="round_close")
    assert closes.count() == 1
    round.refresh_from_db()
    assert round.stage == RoundStage.DRAFTING
    assert round.closed_by == closes.get().actor


def test_two_approvals_at_once_reach_the_quorum_and_move_the_report_once(monkeypatch):
    round, staff, monitors = make_round(monitors=3)  # a majority of three is two
    rounds.round_close(round=round, by=staff[0])
    rounds.report_submit(round=round, by=staff[0])
    widen(monkeypatch, rounds, "roles_in")
    outcomes = race(
        *(lambda by=by: rounds.report_vote(round=round, by=by, approve=True) for by in monitors[:2])
    )
    assert outcomes == ["ok", "ok"]
    round.refresh_from_db()
    assert round.stage == RoundStage.PROPOSED
    assert RoundVote.objects.filter(round=round).count() == 2
    moves = AuditEvent.objects.filter(round=round, kind=AuditEvent.Kind.ROUND_TRANSITION)
    assert moves.filter(action="report_approve").count() == 1


def test_one_member_voting_twice_at_once_is_counted_once(monkeypatch):
    round, staff, monitors = make_round(monitors=3)
    rounds.round_close(round=round, by=staff[0])
    rounds.report_submit(round=round, by=staff[0])
    widen(monkeypatch, rounds, "roles_in")

    def vote():
        return rounds.report_vote(round=round, by=monitors[0], approve=True)

    assert sorted(race(vote, vote)) == ["WorkflowError", "ok"]
    assert RoundVote.objects.filter(round=round).count() == 1
    round.refresh_from_db()
    assert round.stage == RoundStage.COMMITTEE_REVIEW


def proposed_round_with_executives(count: int):
    round, staff, _ = make_round(staff=1, monitors=0)
    rounds.round_close(round=round, by=staff[0])
    # Closed ten days ago, so the days below are after the close and not in the future.
    MonitoringRound.objects.filter(pk=round.pk).update(
        closed_at=timezone.now() - timedelta(days=10)
    )
    at(round, RoundStage.PROPOSED)
    org = round.plan.organization
    executives = [make_user(f"executive{i}", org, Role.EXECUTIVE) for i in range(count)]
    return round, executives


def test_two_recordings_at_once_are_both_in_the_history_in_order(monkeypatch):
    round, executives = proposed_round_with_executives(2)
    today = timezone.localdate()
    days = [today - timedelta(days=2), today - timedelta(days=1)]
    widen(monkeypatch, rounds, "roles_in")
    outcomes = race(
        *(
            lambda by=by, day=day: rounds.report_present(round=round, by=by, presented_on=day)
            for by, day in zip(executives, days, strict=True)
        )
    )
    assert outcomes == ["ok", "ok"]
    recordings = AuditEvent.objects.filter(round=round, action="report_present").order_by("id")
    changes = [e.changes["presented_on"] for e in recordings]
    # Each recording read the one before it: the second's old day is the first's new one.
    assert changes[0][0] == ""
    assert changes[1][0] == changes[0][1]
    assert MonitoringRound.objects.get(pk=round.pk).presented_on.isoformat() == changes[1][1]


def test_a_recording_racing_the_announcement_is_in_it_or_refused(monkeypatch):
    round, (recorder, announcer) = proposed_round_with_executives(2)
    day = timezone.localdate() - timedelta(days=1)
    widen(monkeypatch, rounds, "roles_in")
    outcomes = race(
        lambda: rounds.report_present(round=round, by=recorder, presented_on=day),
        lambda: rounds.report_announce(
            round=round,
            by=announcer,
            announced_on=timezone.localdate(),
            issue=lambda round, by: None,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายก",
        ),
    )
    assert outcomes in (["ok", "ok"], ["WrongStage", "ok"])
    round = MonitoringRound.objects.get(pk=round.pk)
    assert RoundAnnouncement.objects.get(round=round).presented_on == round.presented_on
    assert round.presented_on == (day if outcomes[0] == "ok" else None)
