"""The spine of monitoring: a project's record, a round closed as a snapshot, the report's
path to the executive, and the figures of the snapshot."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from projects import progress
from projects.figures import round_figures, share
from projects.models import (
    AuditEvent,
    ProgressStatus,
    Project,
    RoundEntry,
    RoundKind,
    RoundStage,
)
from workflow import rounds
from workflow.services import NotAllowed, WorkflowError, WrongStage

pytestmark = pytest.mark.django_db


def test_a_half_year_round_covers_october_to_march_of_the_plans_fiscal_year(announced):
    assert rounds.period_of(announced, RoundKind.HALF_YEAR) == (
        date(2021, 10, 1),
        date(2022, 3, 31),
    )
    assert rounds.period_of(announced, RoundKind.FULL_YEAR) == (
        date(2021, 10, 1),
        date(2022, 9, 30),
    )
    assert rounds.period_of(announced, RoundKind.QUARTER_2) == (date(2022, 1, 1), date(2022, 3, 31))
    assert rounds.period_of(announced, RoundKind.QUARTER_4) == (date(2022, 7, 1), date(2022, 9, 30))


def test_share_rounds_half_up_and_says_nothing_of_an_empty_base():
    assert share(1, 3) == Decimal("33.33")
    assert share(2, 3) == Decimal("66.67")
    assert share(1, 8) == Decimal("12.50")
    assert share(1, 0) is None


@time_machine.travel(date(2022, 4, 5), tick=False)
def test_a_closed_round_keeps_its_snapshot_while_the_record_moves_on(announced, personas):
    staff, monitor, executive = personas["staff"], personas["monitor"], personas["executive"]
    project = Project.objects.get(plan=announced)
    round = rounds.round_open(plan=announced, by=staff, kind=RoundKind.HALF_YEAR)
    progress.progress_update(
        project=project,
        by=staff,
        values={"status": ProgressStatus.IN_PROGRESS, "percent_done": Decimal("40")},
        expected_version=None,
    )
    progress.disbursement_add(
        project=project, by=staff, paid_on=date(2022, 3, 1), amount=Decimal("100000")
    )
    progress.disbursement_add(
        project=project, by=staff, paid_on=date(2022, 4, 2), amount=Decimal("50000")
    )
    with pytest.raises(NotAllowed):
        rounds.round_close(round=round, by=monitor)
    rounds.round_close(round=round, by=staff)
    entry = RoundEntry.objects.get(round=round)
    # Paid after the period's end is not the round's.
    assert (entry.status, entry.percent_done, entry.disbursed, entry.planned) == (
        "in_progress",
        Decimal("40.00"),
        Decimal("100000.00"),
        Decimal("250000.00"),
    )
    progress.progress_update(
        project=project,
        by=staff,
        values={"status": ProgressStatus.DONE, "percent_done": Decimal("100")},
        expected_version=1,
    )
    entry.refresh_from_db()
    assert entry.status == "in_progress"
    figures = round_figures(round)
    assert (figures.total.projects, figures.total.under_way, figures.total.disbursed_share) == (
        1,
        1,
        Decimal("40.00"),
    )

    with pytest.raises(WrongStage):
        rounds.round_close(round=round, by=staff)
    rounds.report_submit(round=round, by=staff)
    with pytest.raises(WorkflowError):
        rounds.report_vote(round=round, by=monitor, approve=False, comment=" ")
    rounds.report_vote(round=round, by=monitor, approve=True)
    round.refresh_from_db()
    assert round.stage == RoundStage.PROPOSED
    issued = []
    rounds.report_announce(
        round=round,
        by=executive,
        announced_on=date(2022, 4, 5),
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายก",
        issue=lambda r, by: issued.append(r.pk),
    )
    round.refresh_from_db()
    assert round.stage == RoundStage.ANNOUNCED and issued == [round.pk]
    steps = list(
        AuditEvent.objects.filter(round=round, kind=AuditEvent.Kind.ROUND_TRANSITION)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert steps == [
        "round_open",
        "round_close",
        "report_submit",
        "report_approve",
        "report_announce",
    ]


@time_machine.travel(date(2022, 4, 5), tick=False)
def test_the_second_of_two_people_updating_one_project_is_refused(announced, personas):
    project = Project.objects.get(plan=announced)
    staff = personas["staff"]
    progress.progress_update(
        project=project, by=staff, values={"percent_done": Decimal("10")}, expected_version=None
    )
    with pytest.raises(progress.ProgressConflict):
        progress.progress_update(
            project=project, by=staff, values={"percent_done": Decimal("20")}, expected_version=None
        )
    with pytest.raises(progress.ProgressError):
        progress.progress_update(
            project=project,
            by=staff,
            values={"status": ProgressStatus.CANCELLED},
            expected_version=1,
        )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PROGRESS_UPDATED)
    assert event.change_rows == [("ความก้าวหน้า (ร้อยละ)", "0.00", "10.00")]
