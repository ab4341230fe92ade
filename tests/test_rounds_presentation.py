"""The day the executive presented the approved report to the council and the development
committee (ระเบียบฯ ข้อ ๓๐ (๕)): recorded by its own step, taken by the announcement, and, under
the 2561 amendment (the organization's preset here), the rule set's report_within_days
counted from it on every page that says when a report is due. Counting from the committee's
report instead (the seed's 2559 rule) is in tests/test_rounds_reported.py, the races in
tests/test_rounds_races.py, the pure date functions in test_rounds_rules.py."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from projects.models import AuditEvent, MonitoringRound, Role, RoundStage, RuleSet
from tests.rounds_support import APRIL, at, detail_url, opened, rounds_url, step_url
from tests.support import make_user
from workflow import rounds
from workflow.models import RoundAnnouncement
from workflow.rules import report_deadline

pytestmark = pytest.mark.django_db

PRESENT = "report_present"
CLOSED = date(2022, 4, 4)  # the round closes the day before APRIL
SIGNER = {"signer_name": "นายสมมุติ ตัวอย่างดี", "signer_title": "นายกองค์การบริหารส่วนตำบลสูงเม่น"}


@pytest.fixture
def round(announced, personas):
    """The half-year round, closed on 4 April 2565 and approved: waiting on the executive,
    in an organization under the 2561 amendment (15 days from the presentation, due by the
    end of December)."""
    RuleSet.from_preset(announced.organization, RuleSet.Preset.REGULATION_2561).save()
    with time_machine.travel(CLOSED, tick=False):
        round = opened(announced, personas["staff"])
        rounds.round_close(round=round, by=personas["staff"])
    return at(round, RoundStage.PROPOSED)


def fresh(round) -> MonitoringRound:
    return MonitoringRound.objects.select_related("plan__organization").get(pk=round.pk)


def presentations(round):
    return AuditEvent.objects.filter(round=round, action=PRESENT).order_by("id")


def present(client, round, typed: str):
    return client.post(step_url(round, PRESENT), {"presented_on": typed})


def announce(client, round, announced_on: str, **extra):
    return client.post(
        step_url(round, "report_announce"), {"announced_on": announced_on, **SIGNER, **extra}
    )


@time_machine.travel(APRIL, tick=False)
def test_it_records_the_day_of_the_council_and_keeps_the_stage(round, personas, login):
    client = login(personas["executive"])
    response = present(client, round, "5/4/2565")
    assert response.status_code == 302
    assert response.url == detail_url(round)
    round = fresh(round)
    assert (round.presented_on, round.stage) == (date(2022, 4, 5), RoundStage.PROPOSED)
    event = presentations(round).get()
    assert event.actor == personas["executive"]
    assert event.kind == AuditEvent.Kind.ROUND_TRANSITION
    assert event.changes == {"presented_on": ["", "2022-04-05"]}
    page = client.get(detail_url(round)).content.decode()
    assert "บันทึกวันที่เสนอรายงานต่อสภาท้องถิ่นแล้ว" in page
    assert 'value="05/04/2565"' in page  # the step's box shows the day recorded
    assert "แก้ไขวันที่เสนอสภาท้องถิ่น" in page


@time_machine.travel(APRIL, tick=False)
def test_it_corrects_the_day_with_old_and_new_in_the_history(round, personas, login):
    client = login(personas["executive"])
    present(client, round, "4/4/2565")
    present(client, round, "5/4/2565")
    present(client, round, "5/4/2565")  # the same day again writes nothing
    assert [e.changes["presented_on"] for e in presentations(round)] == [
        ["", "2022-04-04"],
        ["2022-04-04", "2022-04-05"],
    ]
    assert fresh(round).presented_on == date(2022, 4, 5)
    history = client.get(detail_url(round)).content.decode()
    assert history.count("บันทึกการเสนอรายงานต่อสภาท้องถิ่น") >= 2
    assert "4 เม.ย. 65" in history  # the old day, as the history shows dates


@pytest.mark.parametrize(
    "stage",
    [RoundStage.OPEN, RoundStage.DRAFTING, RoundStage.COMMITTEE_REVIEW, RoundStage.ANNOUNCED],
)
@time_machine.travel(APRIL, tick=False)
def test_it_is_refused_at_any_other_stage_and_says_why(stage, round, personas, login):
    at(round, stage)
    response = present(login(personas["executive"]), round, "5/4/2565")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ยังทำรายการไม่ได้" in page
    assert str(RoundStage(stage).label) in page
    round = fresh(round)
    assert (round.stage, round.presented_on) == (stage, None)
    assert not presentations(round).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("executive", 302),
        ("staff", 403),
        ("member", 403),
        ("orgadmin", 403),
        ("monitor", 403),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
@time_machine.travel(APRIL, tick=False)
def test_only_the_executive_records_it(persona, status, round, personas, login):
    response = present(login(personas[persona]), round, "5/4/2565")
    assert response.status_code == status
    recorded = fresh(round).presented_on
    assert recorded == (date(2022, 4, 5) if status == 302 else None)
    assert presentations(round).count() == (1 if status == 302 else 0)


@time_machine.travel(APRIL, tick=False)
def test_another_organizations_executive_does_not_find_the_round(
    round, other_world, login, personas
):
    stranger = make_user("otherexecutive", other_world["org"], Role.EXECUTIVE)
    assert present(login(stranger), round, "5/4/2565").status_code == 404
    assert fresh(round).presented_on is None
    page = login(personas["executive"]).get(detail_url(round)).content.decode()
    assert 'data-testid="step-report_present"' in page
    for persona in ("staff", "monitor", "member", "orgadmin"):
        page = login(personas[persona]).get(detail_url(round)).content.decode()
        assert 'data-testid="step-report_present"' not in page, persona


def test_anonymous_people_are_sent_to_log_in(client, round):
    response = client.post(step_url(round, PRESENT), {"presented_on": "5/4/2565"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert fresh(round).presented_on is None


@time_machine.travel(APRIL, tick=False)
def test_a_get_changes_nothing(round, personas, login):
    response = login(personas["executive"]).get(step_url(round, PRESENT) + "?presented_on=5/4/2565")
    assert response.status_code == 405
    assert fresh(round).presented_on is None
    assert not presentations(round).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("6/4/2565", "วันที่เสนอสภาท้องถิ่นต้องไม่เป็นวันในอนาคต"),
        ("3/4/2565", "วันที่เสนอสภาท้องถิ่นต้องไม่ก่อนวันที่ปิดรอบการติดตาม (4 เมษายน พ.ศ. 2565)"),
        ("", "กรุณาระบุวันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา"),
        ("31/4/2565", "ไม่มีวันที่ 31 เดือน 4"),
    ],
)
@time_machine.travel(APRIL, tick=False)
def test_a_bad_day_is_refused_in_thai_with_what_was_typed_kept(
    typed, message, round, personas, login
):
    response = present(login(personas["executive"]), round, typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{typed}"' in page or not typed
    assert fresh(round).presented_on is None
    assert not presentations(round).exists()


@time_machine.travel(APRIL, tick=False)
def test_the_announcement_takes_the_recorded_day_and_ignores_a_typed_one(round, personas, login):
    client = login(personas["executive"])
    present(client, round, "4/4/2565")
    page = client.get(detail_url(round)).content.decode()
    form = page[page.index('data-testid="announce-form"') :]
    assert 'id="presented_on"' not in form  # shown, not typed again
    assert "4 เมษายน พ.ศ. 2565" in form[: form.index("</form>")]
    response = announce(client, round, "5/4/2565", presented_on="1/4/2565")
    assert response.status_code == 302
    announcement = RoundAnnouncement.objects.get(round=round)
    assert announcement.presented_on == date(2022, 4, 4)
    assert presentations(round).count() == 1
    assert not AuditEvent.objects.get(round=round, action="report_announce").changes.get(
        "days_late"
    )
    page = client.get(detail_url(round)).content.decode()
    assert "เสนอสภาท้องถิ่นเมื่อ 4 เมษายน พ.ศ. 2565" in page
    assert 'data-testid="announced-late"' not in page


@time_machine.travel(APRIL, tick=False)
def test_the_announcement_is_not_dated_before_the_council(round, personas, login):
    client = login(personas["executive"])
    present(client, round, "5/4/2565")
    response = announce(client, round, "4/4/2565")
    page = response.content.decode()
    assert response.status_code == 200
    assert "วันที่ประกาศต้องไม่ก่อนวันที่เสนอสภาท้องถิ่น (5 เมษายน พ.ศ. 2565)" in page
    assert fresh(round).stage == RoundStage.PROPOSED
    assert not RoundAnnouncement.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_a_day_typed_on_the_announcement_is_recorded_on_the_round_too(round, personas, login):
    client = login(personas["executive"])
    assert announce(client, round, "5/4/2565", presented_on="4/4/2565").status_code == 302
    round = fresh(round)
    assert round.presented_on == date(2022, 4, 4)
    assert RoundAnnouncement.objects.get(round=round).presented_on == date(2022, 4, 4)
    assert presentations(round).get().changes == {"presented_on": ["", "2022-04-04"]}


@time_machine.travel(APRIL, tick=False)
def test_counting_from_the_council_the_announcement_needs_its_day(round, personas, login):
    client = login(personas["executive"])
    response = announce(client, round, "5/4/2565")
    assert response.status_code == 200
    assert "กรุณาระบุวันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา" in response.content.decode()
    assert fresh(round).stage == RoundStage.PROPOSED
    assert not RoundAnnouncement.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_counting_from_the_committees_report_no_day_of_the_council_is_needed(
    round, personas, login
):
    rules = RuleSet.objects.get(organization=round.plan.organization)
    rules.report_days_from = RuleSet.ReportDaysFrom.REPORTED
    rules.save()
    client = login(personas["executive"])
    assert announce(client, round, "5/4/2565").status_code == 302
    assert fresh(round).presented_on is None
    assert RoundAnnouncement.objects.get(round=round).presented_on is None
    assert not presentations(round).exists()


@time_machine.travel(APRIL, tick=False)
def test_no_day_comes_before_the_committees_report(round, personas, login):
    MonitoringRound.objects.filter(pk=round.pk).update(reported_on=date(2022, 4, 5))
    client = login(personas["executive"])
    early = present(client, round, "4/4/2565")
    assert "ต้องไม่ก่อนวันที่คณะกรรมการติดตามฯ รายงานผล (5 เมษายน พ.ศ. 2565)" in early.content.decode()
    assert fresh(round).presented_on is None
    response = announce(client, round, "4/4/2565", presented_on="4/4/2565")
    assert "ต้องไม่ก่อนวันที่คณะกรรมการติดตามฯ รายงานผล" in response.content.decode()
    assert not RoundAnnouncement.objects.exists()


def test_a_late_announcement_is_made_and_says_by_how_many_days(round, personas, login):
    client = login(personas["executive"])
    with time_machine.travel(APRIL, tick=False):
        present(client, round, "5/4/2565")
    # Within 15 days of 5 April is by 20 April; the 23rd is three days late.
    with time_machine.travel(date(2022, 4, 23), tick=False):
        assert announce(client, round, "23/4/2565").status_code == 302
        page = client.get(detail_url(round)).content.decode()
    assert fresh(round).stage == RoundStage.ANNOUNCED
    late = page[page.index('data-testid="announced-late"') :]
    assert "ประกาศช้ากว่ากำหนด 3 วัน" in late
    assert "20 เมษายน พ.ศ. 2565" in late
    event = AuditEvent.objects.get(round=round, action="report_announce")
    assert event.changes["days_late"] == ["", "3"]
    assert event.changes["announce_due"] == ["", "2022-04-20"]
    history = page[page.index('data-testid="round-history"') :]
    assert "ประกาศช้ากว่ากำหนด (วัน)" in history
    assert "20 เม.ย. 65" in history
    assert "กำหนดประกาศ (นับจากวันที่เสนอสภาท้องถิ่น)" in history


def test_announced_on_the_last_day_is_not_late(round, personas, login):
    client = login(personas["executive"])
    with time_machine.travel(APRIL, tick=False):
        present(client, round, "5/4/2565")
    with time_machine.travel(date(2022, 4, 20), tick=False):
        announce(client, round, "20/4/2565")
        page = client.get(detail_url(round)).content.decode()
    assert fresh(round).stage == RoundStage.ANNOUNCED
    assert 'data-testid="announced-late"' not in page
    assert "days_late" not in AuditEvent.objects.get(round=round, action="report_announce").changes


def test_the_round_page_counts_the_days_from_the_council_with_the_legal_source(
    round, personas, login
):
    client = login(personas["executive"])
    with time_machine.travel(APRIL, tick=False):
        page = client.get(detail_url(round)).content.decode()
        assert "ต้องประกาศภายใน 15 วันนับแต่วันที่เสนอ" in page  # not presented yet
        present(client, round, "5/4/2565")
        page = client.get(detail_url(round)).content.decode()
    line = page[page.index('data-testid="counted-deadline"') :]
    line = line[: line.index("</p>")]
    assert "เสนอสภาท้องถิ่นและคณะกรรมการพัฒนาเมื่อ 5 เมษายน พ.ศ. 2565" in line
    assert "ต้องประกาศภายใน 15 วัน" in line
    assert "20 เมษายน พ.ศ. 2565" in line
    assert "เหลืออีก 15 วัน" in line
    assert "รายงานผลต่อผู้บริหารเมื่อ" not in page
    assert "31 ธันวาคม พ.ศ. 2565" in page  # the due month's date stays beside it
    # its legal source, the Gazette's words
    source = page[page.index('data-testid="legal-source"') :]
    assert "ภายในสิบห้าวันนับแต่วันที่ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลดังกล่าว" in source
    assert "ราชกิจจานุเบกษา เล่ม ๑๓๕ ตอนพิเศษ ๒๔๖ ง" in source
    with time_machine.travel(date(2022, 4, 22), tick=False):
        page = client.get(detail_url(round)).content.decode()
    line = page[page.index('data-testid="counted-deadline"') :]
    assert "เกินกำหนด 2 วัน" in line[: line.index("</p>")]


def waiting(client) -> str:
    return client.get(reverse("workflow:waiting")).content.decode()


def test_the_waiting_page_gives_the_executive_the_day_it_is_due(round, personas, login):
    with time_machine.travel(APRIL, tick=False):
        present(login(personas["executive"]), round, "5/4/2565")
        page = waiting(login(personas["executive"]))
        item = page[page.index('data-testid="waiting-round"') :]
        assert "เสนอสภาท้องถิ่นแล้วเมื่อ 5 เมษายน พ.ศ. 2565 รอผู้บริหารลงนามประกาศรายงาน" in item
        assert (
            "กำหนดประกาศรายงาน 20 เมษายน พ.ศ. 2565, ภายใน 15 วันนับแต่เสนอสภาท้องถิ่น (5 เม.ย. 65)"
            in " ".join(item.split())
        )
        assert "เกินกำหนด" not in item
        assert 'data-testid="waiting-round"' not in waiting(login(personas["staff"]))
    # Past the 15 days, and long before the end of December (the due month's rule).
    with time_machine.travel(date(2022, 4, 21), tick=False):
        assert "— เกินกำหนด" in waiting(login(personas["executive"]))
        assert "รายงานผลการติดตามเกินกำหนดประกาศ" in waiting(login(personas["staff"]))
        assert 'data-testid="waiting-round"' not in waiting(login(personas["member"]))
        assert 'data-testid="waiting-round"' not in waiting(login(personas["outsider"]))


def test_the_rounds_list_says_the_day_and_flags_it_once_past(round, personas, login):
    with time_machine.travel(APRIL, tick=False):
        present(login(personas["executive"]), round, "5/4/2565")
        page = login(personas["staff"]).get(rounds_url(round.plan)).content.decode()
    row = page[page.index('data-testid="round-row"') :]
    row = row[: row.index("</tr>")]
    assert "20 เมษายน พ.ศ. 2565" in row
    assert "31 ธันวาคม" not in row  # the earlier of the two binds
    assert "ภายใน 15 วันนับแต่เสนอสภาท้องถิ่น (5 เม.ย. 65)" in row
    assert 'data-testid="overdue"' not in row
    with time_machine.travel(date(2022, 4, 21), tick=False):
        page = login(personas["staff"]).get(rounds_url(round.plan)).content.decode()
    assert 'data-testid="overdue"' in page


def test_another_rule_sets_number_of_days_is_counted(round, personas, login):
    rules = RuleSet.objects.get(organization=round.plan.organization)  # the 2561 preset's
    rules.preset, rules.report_within_days = RuleSet.Preset.CUSTOM, 7
    rules.save()
    client = login(personas["executive"])
    with time_machine.travel(APRIL, tick=False):
        present(client, round, "5/4/2565")
        page = client.get(detail_url(round)).content.decode()
        assert "ต้องประกาศภายใน 7 วัน" in page
        assert "12 เมษายน พ.ศ. 2565" in page
        assert "ภายใน 7 วันนับแต่เสนอสภาท้องถิ่น (5 เม.ย. 65)" in waiting(client)
    assert report_deadline(fresh(round)).on == date(2022, 4, 12)  # not December's, 2561
    with time_machine.travel(date(2022, 4, 14), tick=False):
        announce(client, round, "14/4/2565")
        page = client.get(detail_url(round)).content.decode()
    assert "ประกาศช้ากว่ากำหนด 2 วัน" in page


@time_machine.travel(APRIL, tick=False)
def test_a_report_sent_back_is_presented_again(round, personas, login):
    client = login(personas["executive"])
    present(client, round, "5/4/2565")
    response = client.post(step_url(round, "report_exec_return"), {"comment": "สภาให้แก้ไข"})
    assert response.status_code == 302
    round = fresh(round)
    assert (round.stage, round.presented_on) == (RoundStage.DRAFTING, None)
    event = AuditEvent.objects.get(round=round, action="report_exec_return")
    assert event.changes["presented_on"] == ["2022-04-05", ""]
    # Approved again, the old presentation does not count.
    at(round, RoundStage.PROPOSED, submission_number=2)
    assert report_deadline(fresh(round)).after_start is None


@time_machine.travel(APRIL, tick=False)
def test_recording_it_tells_the_executive_and_staff_the_last_day(
    round, personas, django_capture_on_commit_callbacks
):
    for name in ("executive", "staff", "monitor"):
        personas[name].email = f"{name}@example.org"
        personas[name].save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.report_present(round=round, by=personas["executive"], presented_on=APRIL)
    assert sorted(m.to[0] for m in mail.outbox) == ["executive@example.org", "staff@example.org"]
    assert "ภายใน 20 เมษายน พ.ศ. 2565" in mail.outbox[0].subject
    assert detail_url(round) in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.report_present(round=round, by=personas["executive"], presented_on=APRIL)
    assert mail.outbox == []  # nothing changed, no one told
