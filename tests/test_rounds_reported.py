"""The day the monitoring committee reported to the executive: its approval reaching the
quorum. Under the seed's rule (ข้อ ๒๙ (๓) as amended in 2559) the report is announced within
15 days of that day, so its deadline is known as soon as the round is proposed, before any
presentation to the council; under the 2561 amendment the 15 days run from the presentation
(tests/test_rounds_presentation.py). The migration that filled the day for rounds already
past the committee is tested in tests/test_migration_report_days_from.py."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from notices import reports
from projects.models import AuditEvent, MonitoringRound, RoundStage, RuleSet
from tests.rounds_support import APRIL, detail_url, opened, rounds_url, step_url
from workflow import rounds
from workflow.rules import report_deadline

pytestmark = pytest.mark.django_db

CLOSED = date(2022, 4, 4)
SIGNER = {"signer_name": "นายสมมุติ ตัวอย่างดี", "signer_title": "นายกองค์การบริหารส่วนตำบลสูงเม่น"}
FROM_REPORT = "ภายใน 15 วันนับแต่วันที่คณะกรรมการติดตามฯ รายงานผล (5 เม.ย. 65)"


def submitted(announced, personas):
    """The half-year round closed on 4 April 2565 and submitted to the committee."""
    with time_machine.travel(CLOSED, tick=False):
        round = opened(announced, personas["staff"])
        rounds.round_close(round=round, by=personas["staff"])
        rounds.report_submit(round=round, by=personas["staff"])
    return round


@pytest.fixture
def round(announced, personas):
    """Approved by the organization's one monitor (the quorum) on 5 April 2565, under the
    seed's rule, which an organization without a saved rule set follows."""
    round = submitted(announced, personas)
    with time_machine.travel(APRIL, tick=False):
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
    return fresh(round)


def fresh(round) -> MonitoringRound:
    return MonitoringRound.objects.select_related("plan__organization").get(pk=round.pk)


def page_of(client, url) -> str:
    return " ".join(client.get(url).content.decode().split())


def test_the_quorum_is_the_report_to_the_executive_and_its_day_is_in_the_history(
    round, personas, login
):
    assert (round.stage, round.reported_on, round.presented_on) == (
        RoundStage.PROPOSED,
        APRIL,
        None,
    )
    event = AuditEvent.objects.get(round=round, action="report_approve")
    assert event.changes == {
        "stage": ["committee_review", "proposed"],
        "reported_on": ["", "2022-04-05"],
    }
    with time_machine.travel(APRIL, tick=False):
        history = login(personas["staff"]).get(detail_url(round)).content.decode()
    history = history[history.index('data-testid="round-history"') :]
    assert "วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร" in history
    assert "5 เม.ย. 65" in history


def test_an_approval_short_of_the_quorum_reports_nothing_yet(announced, personas, world):
    from projects.models import Role
    from tests.support import make_user

    second = make_user("monitor2", world["org"], Role.MONITORING_COMMITTEE)
    make_user("monitor3", world["org"], Role.MONITORING_COMMITTEE)
    round = submitted(announced, personas)
    with time_machine.travel(APRIL, tick=False):
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
    assert (fresh(round).stage, fresh(round).reported_on) == (RoundStage.COMMITTEE_REVIEW, None)
    assert report_deadline(fresh(round)).after_start is None
    with time_machine.travel(date(2022, 4, 7), tick=False):
        rounds.report_vote(round=round, by=second, approve=True)
    assert fresh(round).reported_on == date(2022, 4, 7)


@time_machine.travel(APRIL, tick=False)
def test_under_the_seed_the_deadline_is_shown_before_any_presentation(round, personas, login):
    due = report_deadline(round)
    assert (due.on, due.after_start, due.counts_from_report) == (
        date(2022, 4, 20),
        date(2022, 4, 20),
        True,
    )
    client = login(personas["executive"])
    page = page_of(client, detail_url(round))
    line = page[page.index('data-testid="counted-deadline"') :]
    line = line[: line.index("</p>")]
    assert (
        "คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหารเมื่อ 5 เมษายน พ.ศ. 2565 ต้องประกาศภายใน 15 วัน "
        "คือภายใน <strong>20 เมษายน พ.ศ. 2565</strong>"
    ) in line
    assert "เหลืออีก 15 วัน" in line
    assert "นับแต่วันที่เสนอ" not in page  # no "once presented" hint: the days already run
    assert "30 เมษายน พ.ศ. 2565" in page  # the due month's date beside it
    source = page[page.index('data-testid="legal-source"') :]
    assert (
        "นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลและเสนอความเห็นต่อผู้บริหาร "
        "(ข้อ ๒๙ (๓) แก้ไขโดยระเบียบฯ (ฉบับที่ ๒) พ.ศ. ๒๕๕๙)"
    ) in source
    assert "ได้รับผล" not in source

    row = page_of(login(personas["staff"]), rounds_url(round.plan))
    row = row[row.index('data-testid="round-row"') :]
    row = row[: row.index("</tr>")]
    assert "20 เมษายน พ.ศ. 2565" in row
    assert FROM_REPORT in row

    waiting = page_of(login(personas["executive"]), reverse("workflow:waiting"))
    item = waiting[waiting.index('data-testid="waiting-round"') :]
    assert "รอผู้บริหารเสนอสภาท้องถิ่นและลงนามประกาศรายงาน" in item
    assert f"กำหนดประกาศรายงาน 20 เมษายน พ.ศ. 2565, {FROM_REPORT}" in item


def test_past_the_15_days_it_is_overdue_though_never_presented(round, personas, login):
    with time_machine.travel(date(2022, 4, 21), tick=False):
        page = page_of(login(personas["executive"]), detail_url(round))
        assert "เกินกำหนด 1 วัน" in page[page.index('data-testid="counted-deadline"') :]
        assert "— เกินกำหนด" in page_of(login(personas["executive"]), reverse("workflow:waiting"))
        staff = page_of(login(personas["staff"]), reverse("workflow:waiting"))
        assert "รายงานผลการติดตามเกินกำหนดประกาศ" in staff
        assert 'data-testid="overdue"' in page_of(login(personas["staff"]), rounds_url(round.plan))


@time_machine.travel(date(2022, 4, 10), tick=False)
def test_the_presentation_is_recorded_and_does_not_move_the_seeds_deadline(
    round, personas, login, django_capture_on_commit_callbacks
):
    for name in ("executive", "staff"):
        personas[name].email = f"{name}@example.org"
        personas[name].save()
    client = login(personas["executive"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(round, "report_present"), {"presented_on": "10/4/2565"})
    assert response.status_code == 302
    round = fresh(round)
    assert (round.presented_on, round.reported_on) == (date(2022, 4, 10), APRIL)
    assert report_deadline(round).on == date(2022, 4, 20)
    assert "ภายใน 20 เมษายน พ.ศ. 2565" in mail.outbox[0].subject
    page = page_of(client, detail_url(round))
    assert "รายงานผลต่อผู้บริหารเมื่อ 5 เมษายน พ.ศ. 2565" in page
    presented = page[page.index('data-testid="presented"') :]
    assert "เสนอสภาท้องถิ่นเมื่อ 10 เมษายน พ.ศ. 2565" in presented[: presented.index("</p>")]


@time_machine.travel(APRIL, tick=False)
def test_the_approval_tells_the_executive_the_last_day_under_the_seed_only(
    announced, personas, django_capture_on_commit_callbacks
):
    personas["executive"].email = "executive@example.org"
    personas["executive"].save()
    round = submitted(announced, personas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
    (message,) = mail.outbox
    assert "ต้องลงนามประกาศให้ประชาชนทราบภายใน 20 เมษายน พ.ศ. 2565" in message.body
    assert "(นับแต่วันที่คณะกรรมการติดตามฯ รายงานผล)" in message.body


@time_machine.travel(APRIL, tick=False)
def test_under_2561_the_approval_starts_no_days(
    announced, personas, login, django_capture_on_commit_callbacks
):
    RuleSet.from_preset(announced.organization, RuleSet.Preset.REGULATION_2561).save()
    personas["executive"].email = "executive@example.org"
    personas["executive"].save()
    round = submitted(announced, personas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
    assert fresh(round).reported_on == APRIL  # kept under every rule
    assert "ต้องลงนามประกาศ" not in mail.outbox[0].body
    assert report_deadline(fresh(round)).after_start is None
    page = page_of(login(personas["executive"]), detail_url(round))
    assert "ต้องประกาศภายใน 15 วันนับแต่วันที่เสนอ" in page
    assert "รายงานผลต่อผู้บริหารเมื่อ" not in page


def announce(client, round, announced_on: str, presented_on: str):
    return client.post(
        step_url(round, "report_announce"),
        {"announced_on": announced_on, "presented_on": presented_on, **SIGNER},
    )


@pytest.mark.parametrize(
    ("preset", "late", "name"),
    [
        # 15 days from the report of 5 April: by 20 April, three days late on the 23rd.
        (RuleSet.Preset.SEED, 3, "announce_due_from_report"),
        # 15 days from the presentation of 10 April: by 25 April, on time on the 23rd.
        (RuleSet.Preset.REGULATION_2561, 0, None),
    ],
)
def test_a_late_announcement_counts_from_the_rules_day(preset, late, name, round, personas, login):
    RuleSet.from_preset(round.plan.organization, preset).save()
    client = login(personas["executive"])
    with time_machine.travel(date(2022, 4, 23), tick=False):
        assert announce(client, round, "23/4/2565", "10/4/2565").status_code == 302
        page = page_of(client, detail_url(round))
    assert fresh(round).stage == RoundStage.ANNOUNCED
    changes = AuditEvent.objects.get(round=round, action="report_announce").changes
    if not late:
        assert "days_late" not in changes
        assert 'data-testid="announced-late"' not in page
        return
    assert changes["days_late"] == ["", "3"]
    assert changes[name] == ["", "2022-04-20"]
    assert "announce_due" not in changes
    alert = page[page.index('data-testid="announced-late"') :]
    assert (
        "ประกาศช้ากว่ากำหนด 3 วัน: กำหนดประกาศนับจากวันที่คณะกรรมการติดตามฯ รายงานผลคือ 20 เมษายน พ.ศ. 2565"
    ) in alert
    announced = page[page.index('data-testid="announced"') :]
    assert "คณะกรรมการติดตามฯ รายงานผลเมื่อ 5 เมษายน พ.ศ. 2565" in announced
    history = page[page.index('data-testid="round-history"') :]
    assert "กำหนดประกาศ (นับจากวันที่คณะกรรมการติดตามฯ รายงานผล)" in history
    assert "20 เม.ย. 65" in history


def test_the_executives_return_clears_the_reported_day_and_a_new_approval_sets_it_again(
    round, personas, login
):
    client = login(personas["executive"])
    with time_machine.travel(date(2022, 4, 6), tick=False):
        client.post(step_url(round, "report_present"), {"presented_on": "6/4/2565"})
        response = client.post(step_url(round, "report_exec_return"), {"comment": "สภาให้แก้ไข"})
    assert response.status_code == 302
    returned = fresh(round)
    assert (returned.stage, returned.reported_on, returned.presented_on) == (
        RoundStage.DRAFTING,
        None,
        None,
    )
    event = AuditEvent.objects.get(round=round, action="report_exec_return")
    assert event.changes["reported_on"] == ["2022-04-05", ""]
    assert event.changes["presented_on"] == ["2022-04-06", ""]
    with time_machine.travel(date(2022, 4, 8), tick=False):
        rounds.report_submit(round=returned, by=personas["staff"])
        assert report_deadline(fresh(round)).after_start is None  # the old day does not count
        rounds.report_vote(round=returned, by=personas["monitor"], approve=True)
    assert report_deadline(fresh(round)).after_start == date(2022, 4, 23)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("member", 200),
        ("executive", 200),
        ("orgadmin", 200),
        ("monitor", 200),
        ("department", 200),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
@time_machine.travel(APRIL, tick=False)
def test_every_role_of_the_organization_reads_the_day_and_no_one_else(
    persona, status, round, personas, login
):
    response = login(personas[persona]).get(detail_url(round))
    assert response.status_code == status
    page = " ".join(response.content.decode().split())
    assert ("รายงานผลต่อผู้บริหารเมื่อ 5 เมษายน พ.ศ. 2565" in page) == (status == 200)
    listing = login(personas[persona]).get(rounds_url(round.plan))
    assert listing.status_code == status
    assert (FROM_REPORT in " ".join(listing.content.decode().split())) == (status == 200)


def test_anonymous_people_are_sent_to_log_in(client, round):
    response = client.get(detail_url(round))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_report_service_announces_with_the_seeds_days(round, personas):
    """notices/reports.py composes the step: the announcement is judged from the report."""
    with time_machine.travel(date(2022, 4, 21), tick=False):
        reports.report_announce(
            round=round, by=personas["executive"], announced_on=date(2022, 4, 21), **SIGNER
        )
    changes = AuditEvent.objects.get(round=round, action="report_announce").changes
    assert changes["days_late"] == ["", "1"]
    assert changes["announce_due_from_report"] == ["", "2022-04-20"]
