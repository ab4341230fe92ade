"""A round's report is posted under the same engine as the plan's notice, with its own rule
(the rule set's report_within_days, report_keep_days and legal source, ระเบียบฯ ข้อ ๓๐ (๕))
counted from the report's announcement; its postings, reminders and certificate are its own,
and the plan's notice neither sees nor counts them."""

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notices import services as notices
from notices.models import Posting, Reminder
from notices.notice import Notice
from notices.status import notice_status
from projects.models import AuditEvent, RoundKind, RuleSet
from tests.report_support import REPORT_DAY, announce_report, closed_round
from tests.support import compact, pdftotext_pages
from workflow import rounds

pytestmark = pytest.mark.django_db

POST_BY = date(2022, 4, 20)  # 15 days after the report's announcement on 5 April 2565


@pytest.fixture
def round(world, announced, personas):
    return closed_round(world, announced, personas)


@pytest.fixture
def issued(round, personas, django_capture_on_commit_callbacks):
    return announce_report(round, personas, django_capture_on_commit_callbacks)


def record_office(subject, by, on):
    kwargs = {"round": subject} if hasattr(subject, "kind") else {"plan": subject}
    with time_machine.travel(on, tick=False):
        return notices.posting_record(by=by, place=Posting.Place.OFFICE, posted_on=on, **kwargs)


def test_it_counts_the_reports_deadlines_under_the_monitoring_rule(issued, announced):
    notice = Notice.of(issued)
    assert (notice.rule.within_days, notice.rule.keep_days) == (15, 30)
    assert "ข้อ ๓๐ (๕)" in notice.rule.source
    status = notice_status(notice, list(notice.postings()), REPORT_DAY)
    assert status.post_by == POST_BY
    # The website posting went up with the announcement; the office board is still owed.
    labels = [label for label, s in status.places]
    assert labels[0] == "บอร์ดประชาสัมพันธ์ที่ทำการ" and labels[1].startswith("เว็บไซต์")
    assert status.places[1][1].keep_until == REPORT_DAY + timedelta(days=30)
    # The plan's own notice keeps its own rule, postings and dates.
    plan_notice = Notice.of(announced)
    assert (plan_notice.rule.within_days, plan_notice.rule.keep_days) == (7, 21)
    assert [p.round_id for p in plan_notice.postings()] == [None]


def test_a_saved_rule_set_gives_the_report_its_numbers(issued, world):
    rules = RuleSet.from_preset(world["org"], RuleSet.Preset.REGULATION_2561)
    rules.report_within_days, rules.report_keep_days = 10, 45
    rules.save()
    notice = Notice.of(issued)
    assert (notice.rule.within_days, notice.rule.keep_days) == (10, 45)
    assert "ภายในเดือนธันวาคม" in notice.rule.source


def test_it_keeps_the_reports_postings_apart_from_the_plans(issued, announced, personas):
    staff = personas["staff"]
    day = REPORT_DAY + timedelta(days=2)
    posting = record_office(issued, staff, day)
    assert (posting.plan_id, posting.round_id) == (announced.pk, issued.pk)
    with pytest.raises(notices.PostingError, match="บันทึกการปิดประกาศที่สถานที่นี้ไว้แล้ว"):
        record_office(issued, staff, day)
    # The plan's office board is another notice: not a duplicate of the report's.
    record_office(announced, staff, day)
    assert Notice.of(announced).postings().count() == 2
    assert Notice.of(issued).postings().count() == 2
    [event] = AuditEvent.objects.filter(round=issued, kind=AuditEvent.Kind.POSTING_RECORDED)
    assert event.subject == "รอบ ๖ เดือน (ตุลาคม–มีนาคม)"


def test_it_refuses_posting_a_report_not_yet_announced(round, personas):
    with pytest.raises(notices.PostingError, match="รายงานผลการติดตามยังไม่ได้ประกาศ"):
        record_office(round, personas["staff"], REPORT_DAY)
    assert not Posting.objects.filter(round=round).exists()


def test_it_asks_before_taking_the_report_down_within_its_thirty_days(issued, personas):
    posting = record_office(issued, personas["staff"], REPORT_DAY)
    # Three weeks would do for the plan's notice (21 days), not for the report's 30.
    down = REPORT_DAY + timedelta(days=21)
    with time_machine.travel(down, tick=False):
        with pytest.raises(notices.EarlyTakeDown) as early:
            notices.posting_take_down(posting=posting, taken_down_on=down, by=personas["staff"])
        assert early.value.keep_until == REPORT_DAY + timedelta(days=30)
    with time_machine.travel(REPORT_DAY + timedelta(days=30), tick=False):
        notices.posting_take_down(
            posting=posting, taken_down_on=REPORT_DAY + timedelta(days=30), by=personas["staff"]
        )
    event = AuditEvent.objects.get(round=issued, kind=AuditEvent.Kind.POSTING_TAKEN_DOWN)
    assert event.changes["taken_down_on"] == ["", "2022-05-05"]


def test_it_records_and_corrects_a_report_posting_from_its_notice_page(issued, login, personas):
    client = login(personas["staff"])
    url = reverse("notices:report_notice", args=[issued.pk])
    with time_machine.travel(REPORT_DAY + timedelta(days=1), tick=False):
        page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert "ปิดประกาศภายใน 15 วันนับแต่วันประกาศ และปิดไว้อย่างน้อย 30 วัน" in body
        assert "20 เมษายน พ.ศ. 2565" in body
        create = reverse("notices:report_posting_create", args=[issued.pk])
        response = client.post(create, {"place": "office", "posted_on": "6/4/2565"})
        assert response.status_code == 302 and response.url == url
        posting = Posting.objects.get(round=issued, place="office")
        fix = reverse("notices:posting_correct", args=[posting.pk])
        response = client.post(
            fix, {"posted_on": "5/4/2565", "taken_down_on": "", "reason": "พิมพ์วันที่ผิด"}
        )
        assert response.status_code == 302 and response.url == url
        # A refused posting is shown again on the report's page, as typed.
        refused = client.post(create, {"place": "office", "posted_on": "6/4/2565"})
    assert refused.status_code == 200
    assert "บันทึกการปิดประกาศที่สถานที่นี้ไว้แล้ว" in refused.content.decode()
    assert refused.context["notice"].round == issued
    posting.refresh_from_db()
    assert posting.posted_on == REPORT_DAY


def test_it_reminds_once_about_the_reports_notice(
    issued, personas, django_capture_on_commit_callbacks
):
    personas["staff"].email = "staff@example.org"
    personas["staff"].save()
    out = io.StringIO()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("check_posting_deadlines", "--date", "2022-04-18", stdout=out)
    reminder = Reminder.objects.get(round=issued)
    assert (reminder.kind, reminder.plan_id) == (Reminder.Kind.POST_BY, issued.plan_id)
    [message] = [m for m in mail.outbox if "รายงานผลการติดตาม" in m.subject]
    assert "20 เมษายน พ.ศ. 2565" in message.subject
    assert reverse("notices:report_notice", args=[issued.pk]) in message.body
    lines = out.getvalue().splitlines()
    assert any("รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน" in line for line in lines)


def test_it_certifies_the_reports_postings(
    issued, login, personas, tmp_path, django_capture_on_commit_callbacks
):
    url = reverse("notices:report_certificate_pdf", args=[issued.pk])
    client = login(personas["member"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202  # queued for the worker
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        'filename="plan-sungmen-2565-monitoring-half_year-posting-certificate.pdf"'
    )
    text = compact(" ".join(pdftotext_pages(response.content, tmp_path)))
    assert compact("ปิดประกาศรายงานผลการติดตามและประเมินผลแผนการดำเนินงาน") in text
    assert compact("ปิดประกาศภายใน ๑๕ วันนับแต่วันประกาศ และปิดไว้อย่างน้อย ๓๐ วัน") in text


def test_the_dashboard_lists_the_reports_notice_in_constant_queries(
    issued, world, announced, login, personas, django_capture_on_commit_callbacks
):
    client = login(personas["executive"])
    url = reverse("notices:dashboard")
    with (
        time_machine.travel(REPORT_DAY + timedelta(days=1), tick=False),
        CaptureQueriesContext(connection) as one_round,
    ):
        response = client.get(url)
    links = [subject.notice.url for subject, _ in response.context["rows"]]
    assert reverse("notices:report_notice", args=[issued.pk]) in links
    with time_machine.travel(REPORT_DAY, tick=False):
        year = rounds.round_open(plan=announced, by=personas["staff"], kind=RoundKind.QUARTER_1)
        rounds.round_close(round=year, by=personas["staff"])
    announce_report(year, personas, django_capture_on_commit_callbacks)
    with (
        time_machine.travel(REPORT_DAY + timedelta(days=1), tick=False),
        CaptureQueriesContext(connection) as two_rounds,
    ):
        response = client.get(url)
    assert len(response.context["rows"]) == 3
    assert len(two_rounds) == len(one_round)
