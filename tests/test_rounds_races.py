"""Races on one round, on real concurrent connections (see tests/test_workflow_races.py):
the round's row lock lets one of two staff close it, so there is one snapshot, and two
approvals that together reach the quorum move the report once."""

import pytest

from projects.models import AuditEvent, Role, RoundEntry, RoundKind, RoundStage
from tests.support import add_project, announce, make_user, make_world
from tests.test_workflow_races import race, widen
from workflow import rounds
from workflow.models import RoundVote

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
