"""Of two staff recording the office posting of a round's report at once, one is recorded
and the other refused: the round's row lock serialises them as the plan's does for its own
notice (tests/test_workflow_races.py, whose race and widen this reuses)."""

import pytest
import time_machine

from notices import services as notices
from notices.models import Posting
from projects.models import MonitoringRound, Role
from tests.report_support import REPORT_DAY, announce_report, closed_round
from tests.support import make_user
from tests.test_workflow_races import race, widen

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_records_one_office_posting_of_a_report_when_two_staff_record_it_together(
    monkeypatch, world, announced, personas, django_capture_on_commit_callbacks
):
    issued = announce_report(
        closed_round(world, announced, personas), personas, django_capture_on_commit_callbacks
    )
    staff = [personas["staff"], make_user("staff2", world["org"], Role.PLANNING_STAFF)]
    # _touch runs after the duplicate check and before the insert: without the lock both
    # would find no office posting and the second insert would hit the unique constraint.
    widen(monkeypatch, notices, "_touch")
    touched = []
    slow_touch = notices._touch
    monkeypatch.setattr(
        notices, "_touch", lambda plan_id: touched.append(plan_id) or slow_touch(plan_id)
    )

    def record(by):
        copy = MonitoringRound.objects.get(pk=issued.pk)  # each request loads its own copy
        return lambda: notices.posting_record(
            round=copy, by=by, place=Posting.Place.OFFICE, posted_on=REPORT_DAY
        )

    with time_machine.travel(REPORT_DAY, tick=True):
        outcomes = race(*(record(by) for by in staff))

    assert sorted(outcomes) == ["PostingError", "ok"]
    # The second waited for the first to commit and was refused by the duplicate check,
    # before writing anything: without the lock both would pass the check together, write,
    # and only the database's unique constraint would refuse the second, after its insert.
    assert len(touched) == 1
    office = Posting.objects.get(round=issued, place=Posting.Place.OFFICE)
    assert office.recorded_by == staff[outcomes.index("ok")]
