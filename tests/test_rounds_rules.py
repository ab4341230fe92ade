"""When a round's report is due, under each preset and counted from the day of the council,
and the administrator's report rules."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import MonitoringRound, RoundKind, RuleSet
from tests.rounds_support import opened
from workflow import deadlines
from workflow.deadlines import report_due_on
from workflow.rules import report_due, report_overdue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period_end", "months", "due"),
    [
        (date(2022, 3, 31), [4, 10], date(2022, 4, 30)),  # half year, seed
        (date(2022, 9, 30), [4, 10], date(2022, 10, 31)),  # full year, seed
        (date(2022, 9, 30), [12], date(2022, 12, 31)),  # full year, 2561
        (date(2022, 3, 31), [12], date(2022, 12, 31)),  # half year, 2561
        (date(2021, 12, 31), [4, 10], date(2022, 4, 30)),  # first quarter, over the new year
        (date(2022, 12, 31), [12], date(2023, 12, 31)),  # the month itself is not "after"
        (date(2022, 3, 31), [], None),
    ],
)
def test_the_report_is_due_at_the_end_of_the_next_month_the_rule_names(period_end, months, due):
    assert report_due_on(period_end, months) == due


@pytest.mark.parametrize(
    ("preset", "kind", "due"),
    [
        (RuleSet.Preset.SEED, RoundKind.HALF_YEAR, date(2022, 4, 30)),
        (RuleSet.Preset.SEED, RoundKind.FULL_YEAR, date(2022, 10, 31)),
        (RuleSet.Preset.REGULATION_2561, RoundKind.HALF_YEAR, date(2022, 12, 31)),
        (RuleSet.Preset.REGULATION_2561, RoundKind.FULL_YEAR, date(2022, 12, 31)),
    ],
)
def test_report_due_follows_the_organizations_preset(preset, kind, due, announced, personas):
    RuleSet.from_preset(announced.organization, preset).save()
    round = opened(announced, personas["staff"], kind)
    # Read afresh: the organization's rule set is the saved one.
    round = MonitoringRound.objects.select_related("plan__organization").get(pk=round.pk)
    assert report_due(round) == due
    assert not report_overdue(round, due, report_due(round))
    assert report_overdue(round, date.fromordinal(due.toordinal() + 1), report_due(round))


def test_an_announced_report_is_never_overdue(announced, personas):
    round = opened(announced, personas["staff"])
    round.stage = "announced"
    assert not report_overdue(round, date(2030, 1, 1), date(2022, 4, 30))


@pytest.mark.parametrize(
    ("presented", "days", "due"),
    [
        (date(2022, 4, 5), 15, date(2022, 4, 20)),
        (date(2022, 12, 20), 15, date(2023, 1, 4)),  # over the new year
        (date(2024, 2, 20), 10, date(2024, 3, 1)),  # over 29 February
        (None, 15, None),
    ],
)
def test_the_day_is_counted_without_the_day_of_the_council(presented, days, due):
    assert deadlines.announce_due_on(presented, days) == due


def test_the_earlier_deadline_binds():
    month = deadlines.ReportDue(date(2022, 4, 30), date(2022, 4, 20), 15)
    assert (month.on, month.counted_from_start) == (date(2022, 4, 20), True)
    later = deadlines.ReportDue(date(2022, 4, 30), date(2022, 5, 10), 15)
    assert (later.on, later.counted_from_start) == (date(2022, 4, 30), False)
    assert deadlines.ReportDue(None, None).on is None
    assert deadlines.days_late(date(2022, 4, 23), date(2022, 4, 20)) == 3
    assert deadlines.days_late(date(2022, 4, 20), date(2022, 4, 20)) == 0
    assert deadlines.days_late(date(2022, 4, 23), None) == 0


def rules_url(org):
    return reverse("manage:rules", kwargs={"org_id": org.pk})


def test_a_preset_fills_the_report_rules_and_custom_takes_them_as_typed(world, personas, login):
    client = login(personas["orgadmin"])
    org = world["org"]
    client.post(rules_url(org), {"preset": "regulation_2561"})
    rules = RuleSet.objects.get(organization=org)
    assert (rules.report_due_months, rules.report_within_days, rules.report_keep_days) == (
        [12],
        15,
        30,
    )
    assert "ฉบับที่ ๓" in rules.report_legal_source
    assert rules.report_days_from == RuleSet.ReportDaysFrom.PRESENTED
    custom = {
        "preset": "custom",
        "main_plan_due": "end_of_december",
        "completion_days": "30",
        "posting_within_days": "15",
        "posting_keep_days": "30",
        "legal_source": "มติสภา",
        "report_within_days": "10",
        "report_days_from": "reported",
        "report_keep_days": "45",
        "report_due_months": "๑๐, 4 ,4",
        "report_legal_source": "ข้อบังคับขององค์กร",
        "monitoring_quorum": "3",
    }
    assert client.post(rules_url(org), custom).status_code == 302
    rules.refresh_from_db()
    assert (rules.report_due_months, rules.report_keep_days, rules.monitoring_quorum) == (
        [4, 10],
        45,
        3,
    )
    assert rules.report_days_from == RuleSet.ReportDaysFrom.REPORTED
    page = client.get(rules_url(org)).content.decode()
    assert 'value="4, 10"' in page
    assert "ข้อบังคับขององค์กร" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [("13", "ระหว่าง 1 ถึง 12"), ("เมษา", "คั่นด้วยจุลภาค"), ("", "กรุณากรอก")],
)
def test_bad_months_are_refused_in_thai_and_shown_as_typed(typed, message, world, personas, login):
    client = login(personas["orgadmin"])
    data = {
        "preset": "custom",
        "main_plan_due": "end_of_december",
        "completion_days": "30",
        "posting_within_days": "15",
        "posting_keep_days": "30",
        "legal_source": "มติสภา",
        "report_within_days": "10",
        "report_days_from": "presented",
        "report_keep_days": "45",
        "report_due_months": typed,
        "report_legal_source": "ข้อบังคับ",
    }
    response = client.post(rules_url(world["org"]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{typed}"' in page or typed == ""
    assert not RuleSet.objects.filter(organization=world["org"]).exists()


@pytest.mark.parametrize("persona", ["staff", "monitor", "executive"])
def test_only_the_administrator_edits_the_report_rules(persona, world, personas, login):
    response = login(personas[persona]).post(rules_url(world["org"]), {"preset": "seed"})
    assert response.status_code == 403


CUSTOM = {
    "preset": "custom",
    "main_plan_due": "end_of_december",
    "completion_days": "30",
    "posting_within_days": "15",
    "posting_keep_days": "30",
    "legal_source": "มติสภา",
    "report_within_days": "15",
    "report_keep_days": "30",
    "report_due_months": "12",
    "report_legal_source": "ข้อบังคับขององค์กร",
}


def test_the_rules_page_shows_the_day_counted_from_and_a_custom_set_chooses_it(
    world, personas, login
):
    client = login(personas["orgadmin"])
    org = world["org"]
    page = client.get(rules_url(org)).content.decode()
    # Nothing saved: the seed's rule, counted from the committee's report.
    card = page[page.index('data-testid="report-days-from"') :]
    assert card.startswith('data-testid="report-days-from">นับแต่วันที่คณะกรรมการติดตามฯ รายงานผล')
    assert 'name="report_days_from"' in page
    assert 'value="presented"' in page and 'value="reported"' in page
    # A preset fills it, whatever was sent.
    client.post(rules_url(org), {"preset": "seed", "report_days_from": "presented"})
    rules = RuleSet.objects.get(organization=org)
    assert rules.report_days_from == RuleSet.ReportDaysFrom.REPORTED
    client.post(rules_url(org), {"preset": "regulation_2561", "report_days_from": "reported"})
    rules.refresh_from_db()
    assert rules.report_days_from == RuleSet.ReportDaysFrom.PRESENTED
    # A custom set says it, or is refused in Thai with what was typed kept.
    for sent, message in (
        ({}, "กรุณากรอกนับวันประกาศรายงานผลการติดตามจาก"),
        ({"report_days_from": "tomorrow"}, "กรุณาเลือกนับวันประกาศรายงานผลการติดตามจากจากรายการ"),
    ):
        response = client.post(rules_url(org), {**CUSTOM, **sent})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert "ข้อบังคับขององค์กร" in response.content.decode()
        rules.refresh_from_db()
        assert rules.preset == RuleSet.Preset.REGULATION_2561
    response = client.post(rules_url(org), {**CUSTOM, "report_days_from": "reported"})
    assert response.status_code == 302
    rules.refresh_from_db()
    assert (rules.preset, rules.report_days_from) == ("custom", RuleSet.ReportDaysFrom.REPORTED)
    page = client.get(rules_url(org)).content.decode()
    assert 'value="reported" selected' in page
    history = client.get(reverse("manage:history", args=[org.pk])).content.decode()
    assert "นับวันประกาศรายงานผลการติดตามจาก" in history
    assert "นับแต่วันที่ผู้บริหารเสนอสภาท้องถิ่นและคณะกรรมการพัฒนา" in history  # the old value


@pytest.mark.parametrize(
    ("preset", "words"),
    [
        (
            "seed",
            [
                "ภายในสิบห้าวัน นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลและเสนอความเห็นต่อผู้บริหาร "
                "(ข้อ ๒๙ (๓) แก้ไขโดยระเบียบฯ (ฉบับที่ ๒) พ.ศ. ๒๕๕๙)",
                "อย่างน้อยปีละสองครั้ง ภายในเดือนเมษายนและภายในเดือนตุลาคม",
            ],
        ),
        (
            "regulation_2561",
            [
                "(ราชกิจจานุเบกษา เล่ม ๑๓๕ ตอนพิเศษ ๒๔๖ ง วันที่ ๓ ตุลาคม ๒๕๖๑)",
                "ภายในสิบห้าวันนับแต่วันที่ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลดังกล่าว",
                "ไม่น้อยกว่าสามสิบวันโดยอย่างน้อยปีละหนึ่งครั้งภายในเดือนธันวาคมของทุกปี",
            ],
        ),
    ],
)
def test_each_presets_legal_source_says_which_day_the_15_days_count_from(
    preset, words, world, personas, login
):
    client = login(personas["orgadmin"])
    assert client.post(rules_url(world["org"]), {"preset": preset}).status_code == 302
    page = client.get(rules_url(world["org"])).content.decode()
    card = page[page.index('data-testid="report-rules"') :]
    for text in words:
        assert text in card
    assert "ได้รับผล" not in card
