"""projects 0014's data steps on a database that held rounds and rule sets before it: the
seed's rule sets count from the committee's report, the others from the presentation, the
presets' old legal sources get the new words, and each round past the committee gets the
day of its last move to `proposed`, in local time. The rows are made through the real steps
first, then the database is taken back to 0013 and forward again."""

from datetime import date, datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notices import reports
from projects.models import MonitoringRound, RoundKind, RuleSet
from tests.support import make_world
from workflow import rounds

BEFORE = [("projects", "0013_department_staff_and_presentation")]
AFTER = [("projects", "0014_report_days_from")]
STEP = import_module("projects.migrations.0014_report_days_from")
BANGKOK = ZoneInfo("Asia/Bangkok")
SIGNER = {"signer_name": "นายสมมุติ ตัวอย่างดี", "signer_title": "นายกองค์การบริหารส่วนตำบลสูงเม่น"}


def approved(plan, personas, kind, on) -> MonitoringRound:
    staff = personas["staff"]
    with time_machine.travel(on, tick=False):
        round = rounds.round_open(plan=plan, by=staff, kind=kind)
        rounds.round_close(round=round, by=staff)
        rounds.report_submit(round=round, by=staff)
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
    return round


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_it_fills_the_days_and_the_rules_of_what_was_there(announced, personas, world, other_world):
    executive = personas["executive"]
    # Proposed on 5 April, waiting on the executive.
    proposed = approved(announced, personas, RoundKind.QUARTER_2, date(2022, 4, 5))
    # Proposed, sent back by the executive, approved again at 03:00 in Bangkok on 6 April
    # (still the 5th in UTC), and announced: the later approval counts, on the local day.
    announced_round = approved(announced, personas, RoundKind.HALF_YEAR, date(2022, 4, 5))
    with time_machine.travel(date(2022, 4, 5), tick=False):
        rounds.report_executive_return(round=announced_round, by=executive, comment="แก้ไข")
        rounds.report_submit(round=announced_round, by=personas["staff"])
    with time_machine.travel(datetime(2022, 4, 6, 3, 0, tzinfo=BANGKOK), tick=False):
        rounds.report_vote(round=announced_round, by=personas["monitor"], approve=True)
    with time_machine.travel(date(2022, 4, 7), tick=False):
        reports.report_announce(
            round=announced_round, by=executive, announced_on=date(2022, 4, 7), **SIGNER
        )
    # Proposed once, then sent back: drafting again, nothing reported.
    returned = approved(announced, personas, RoundKind.QUARTER_1, date(2022, 4, 5))
    with time_machine.travel(date(2022, 4, 5), tick=False):
        rounds.report_executive_return(round=returned, by=executive, comment="แก้ไข")
    assert MonitoringRound.objects.get(pk=announced_round.pk).reported_on == date(2022, 4, 6)

    # Rule sets as they were saved before: the presets' old words, and a custom one.
    seed = RuleSet.from_preset(world["org"], RuleSet.Preset.SEED)
    seed.report_legal_source = STEP.OLD_SEED
    seed.save()
    regulation = RuleSet.from_preset(other_world["org"], RuleSet.Preset.REGULATION_2561)
    regulation.report_legal_source = STEP.OLD_2561
    regulation.save()
    custom = RuleSet.from_preset(make_world("wiang", "อบต.เวียง")["org"], RuleSet.Preset.SEED)
    custom.preset, custom.report_legal_source = RuleSet.Preset.CUSTOM, "มติสภาท้องถิ่น"
    custom.save()
    assert "นับแต่วันที่ได้รับผล" in STEP.OLD_SEED and "นับแต่วันที่ได้รับผล" in STEP.OLD_2561

    try:
        migrate(BEFORE)
        migrate(AFTER)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    days = dict(MonitoringRound.objects.values_list("pk", "reported_on"))
    assert days == {
        proposed.pk: date(2022, 4, 5),
        announced_round.pk: date(2022, 4, 6),
        returned.pk: None,
    }
    presets = RuleSet.PRESETS
    after = {r.pk: r for r in RuleSet.objects.all()}
    assert (after[seed.pk].report_days_from, after[seed.pk].report_legal_source) == (
        RuleSet.ReportDaysFrom.REPORTED,
        presets[RuleSet.Preset.SEED]["report_legal_source"],
    )
    assert (after[regulation.pk].report_days_from, after[regulation.pk].report_legal_source) == (
        RuleSet.ReportDaysFrom.PRESENTED,
        presets[RuleSet.Preset.REGULATION_2561]["report_legal_source"],
    )
    assert (after[custom.pk].report_days_from, after[custom.pk].report_legal_source) == (
        RuleSet.ReportDaysFrom.PRESENTED,
        "มติสภาท้องถิ่น",
    )
