"""Helpers of the tests/test_rounds_*.py files: a plan's round put at a stage, and URLs."""

from datetime import date

from django.urls import reverse

from projects.models import MonitoringRound, RoundKind, RoundStage
from workflow import rounds

# A day in April of FY 2565, after the half year closed (the fixture `announced`'s plan).
APRIL = date(2022, 4, 5)


def opened(plan, staff, kind=RoundKind.HALF_YEAR) -> MonitoringRound:
    return rounds.round_open(plan=plan, by=staff, kind=kind)


def at(round: MonitoringRound, stage: RoundStage, submission_number: int | None = None):
    """The round put at a stage directly, to test the steps from it (not the way there)."""
    round.stage = stage
    if submission_number is None:
        submission_number = 0 if stage in (RoundStage.OPEN, RoundStage.DRAFTING) else 1
    round.submission_number = submission_number
    round.save(update_fields=["stage", "submission_number"])
    return round


def step_url(round, key: str) -> str:
    # Announcing has the same path, answered by notices (it issues the report too).
    if key == "report_announce":
        return reverse("notices:report_announce", args=[round.pk])
    return reverse("workflow:round_action", args=[round.pk, key])


def detail_url(round) -> str:
    return reverse("workflow:round_detail", args=[round.pk])


def rounds_url(plan) -> str:
    return reverse("workflow:plan_rounds", args=[plan.pk])
