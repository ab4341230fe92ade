"""Every step of a round through its button: the right person moves it, the wrong stage
and the wrong role are refused, another organization's round is 404, a GET changes nothing."""

import pytest
import time_machine
from django.urls import reverse

from projects.models import AuditEvent, RoundStage
from tests.rounds_support import APRIL, at, detail_url, opened, step_url
from workflow.models import RoundAnnouncement, RoundVote

pytestmark = pytest.mark.django_db

ANNOUNCE = {
    "announced_on": "5/4/2565",
    "presented_on": "1/4/2565",
    "signer_name": "นายสมมุติ ตัวอย่างดี",
    "signer_title": "นายกองค์การบริหารส่วนตำบลสูงเม่น",
}
# key: (stage it starts from, who takes it, what is posted, stage it ends at, a wrong role)
STEPS = {
    "round_close": (RoundStage.OPEN, "staff", {}, RoundStage.DRAFTING, "monitor"),
    "report_submit": (RoundStage.DRAFTING, "staff", {}, RoundStage.COMMITTEE_REVIEW, "member"),
    "report_approve": (
        RoundStage.COMMITTEE_REVIEW,
        "monitor",
        {"comment": "เห็นชอบ"},
        RoundStage.PROPOSED,
        "staff",
    ),
    "report_return": (
        RoundStage.COMMITTEE_REVIEW,
        "monitor",
        {"comment": "ตัวเลขเบิกจ่ายไม่ครบ"},
        RoundStage.DRAFTING,
        "executive",
    ),
    "report_exec_return": (
        RoundStage.PROPOSED,
        "executive",
        {"comment": "เพิ่มข้อเสนอแนะ"},
        RoundStage.DRAFTING,
        "monitor",
    ),
    "report_announce": (RoundStage.PROPOSED, "executive", ANNOUNCE, RoundStage.ANNOUNCED, "staff"),
}
# A stage each step cannot start from.
WRONG_STAGE = {
    "round_close": RoundStage.DRAFTING,
    "report_submit": RoundStage.OPEN,
    "report_approve": RoundStage.DRAFTING,
    "report_return": RoundStage.PROPOSED,
    "report_exec_return": RoundStage.COMMITTEE_REVIEW,
    "report_announce": RoundStage.COMMITTEE_REVIEW,
}


@pytest.fixture
def round(announced, personas):
    with time_machine.travel(APRIL, tick=False):
        return opened(announced, personas["staff"])


def stage_of(round):
    round.refresh_from_db()
    return round.stage


@pytest.mark.parametrize("key", STEPS)
@time_machine.travel(APRIL, tick=False)
def test_it_takes_the_step_for_the_right_role(key, round, personas, login):
    source, who, data, target, _wrong = STEPS[key]
    at(round, source)
    response = login(personas[who]).post(step_url(round, key), data)
    assert response.status_code == 302
    assert response.url == detail_url(round)
    assert stage_of(round) == target
    event = AuditEvent.objects.filter(round=round, action=key).get()
    assert event.actor == personas[who]
    assert event.changes["stage"] == [source, target]


@pytest.mark.parametrize("key", STEPS)
@time_machine.travel(APRIL, tick=False)
def test_it_refuses_the_step_at_the_wrong_stage_and_says_why(key, round, personas, login):
    _source, who, data, _target, _wrong = STEPS[key]
    at(round, WRONG_STAGE[key])
    response = login(personas[who]).post(step_url(round, key), data)
    assert response.status_code == 200
    assert "ยังทำรายการไม่ได้" in response.content.decode()
    assert stage_of(round) == WRONG_STAGE[key]
    assert not AuditEvent.objects.filter(round=round, action=key).exists()


@pytest.mark.parametrize("key", STEPS)
@time_machine.travel(APRIL, tick=False)
def test_it_forbids_the_step_to_a_wrong_role(key, round, personas, login):
    source, _who, data, _target, wrong = STEPS[key]
    at(round, source)
    response = login(personas[wrong]).post(step_url(round, key), data)
    assert response.status_code == 403
    assert stage_of(round) == source


@pytest.mark.parametrize("key", STEPS)
@pytest.mark.parametrize("persona", ["outsider", "nobody"])
@time_machine.travel(APRIL, tick=False)
def test_another_organizations_round_is_not_found(key, persona, round, personas, login):
    source, _who, data, _target, _wrong = STEPS[key]
    at(round, source)
    response = login(personas[persona]).post(step_url(round, key), data)
    assert response.status_code == 404
    assert stage_of(round) == source


@pytest.mark.parametrize("key", [*STEPS, "report_edit"])
def test_a_get_changes_nothing(key, round, personas, login):
    source = STEPS.get(key, (RoundStage.DRAFTING,))[0]
    at(round, source)
    response = login(personas["staff"]).get(step_url(round, key))
    assert response.status_code == 405
    assert stage_of(round) == source


def test_anonymous_steps_go_to_the_login_page(client, round):
    response = client.post(step_url(round, "round_close"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert stage_of(round) == RoundStage.OPEN


@time_machine.travel(APRIL, tick=False)
def test_a_return_without_a_comment_is_refused_with_what_was_typed_kept(round, personas, login):
    at(round, RoundStage.PROPOSED)
    response = login(personas["executive"]).post(
        step_url(round, "report_exec_return"), {"comment": "   "}
    )
    assert response.status_code == 200
    assert "กรุณาระบุความเห็น" in response.content.decode()
    assert stage_of(round) == RoundStage.PROPOSED


@time_machine.travel(APRIL, tick=False)
def test_a_refused_announcement_shows_the_form_as_typed(round, personas, login):
    at(round, RoundStage.PROPOSED)
    data = {**ANNOUNCE, "announced_on": "5/5/2565", "signer_name": "นางรักษาราชการ แทนนายก"}
    response = login(personas["executive"]).post(step_url(round, "report_announce"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "วันที่ประกาศต้องไม่เป็นวันในอนาคต" in page
    assert 'value="นางรักษาราชการ แทนนายก"' in page
    assert stage_of(round) == RoundStage.PROPOSED
    assert not RoundAnnouncement.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_the_announcement_records_the_council_date_and_issues_the_report(round, personas, login):
    at(round, RoundStage.PROPOSED)
    login(personas["executive"]).post(step_url(round, "report_announce"), ANNOUNCE)
    announcement = RoundAnnouncement.objects.get(round=round)
    assert (announcement.presented_on.isoformat(), announcement.announced_on.isoformat()) == (
        "2022-04-01",
        "2022-04-05",
    )
    round.refresh_from_db()
    assert round.document.status == "pending"
    assert round.postings.get().place == "website"


@time_machine.travel(APRIL, tick=False)
def test_staff_write_the_reports_words_while_drafting_and_not_after(round, personas, login):
    at(round, RoundStage.DRAFTING)
    client = login(personas["staff"])
    words = {"findings": "ฝนตกชุก งานก่อสร้างล่าช้า", "recommendations": "เร่งรัดการเบิกจ่าย"}
    response = client.post(step_url(round, "report_edit"), words)
    assert response.status_code == 302
    round.refresh_from_db()
    assert (round.findings, round.recommendations) == tuple(words.values())
    page = client.get(detail_url(round)).content.decode()
    assert "ฝนตกชุก งานก่อสร้างล่าช้า" in page
    at(round, RoundStage.COMMITTEE_REVIEW)
    refused = client.post(step_url(round, "report_edit"), {"findings": "แก้หลังเสนอ"})
    assert refused.status_code == 200
    assert "แก้ไขรายงานไม่ได้" in refused.content.decode()
    round.refresh_from_db()
    assert round.findings == words["findings"]
    assert login(personas["executive"]).post(step_url(round, "report_edit"), words).status_code == (
        403
    )


@time_machine.travel(APRIL, tick=False)
def test_two_monitors_reach_the_quorum_together_and_none_votes_twice(round, personas, login, world):
    from projects.models import Role
    from tests.support import make_user

    second = make_user("monitor2", world["org"], Role.MONITORING_COMMITTEE)
    third = make_user("monitor3", world["org"], Role.MONITORING_COMMITTEE)
    at(round, RoundStage.COMMITTEE_REVIEW)
    # Three members: a majority is two.
    client = login(personas["monitor"])
    assert client.post(step_url(round, "report_approve"), {}).status_code == 302
    assert stage_of(round) == RoundStage.COMMITTEE_REVIEW
    page = client.get(detail_url(round)).content.decode()
    assert "เห็นชอบแล้ว 1 จาก 2 เสียงที่ต้องการ" in page
    assert 'data-testid="step-report_approve"' not in page  # voted: no more buttons
    again = client.post(step_url(round, "report_approve"), {})
    assert again.status_code == 200
    assert "ยังทำรายการไม่ได้" in again.content.decode()
    assert RoundVote.objects.filter(round=round).count() == 1
    assert login(second).post(step_url(round, "report_approve"), {}).status_code == 302
    assert stage_of(round) == RoundStage.PROPOSED
    assert login(third).post(step_url(round, "report_approve"), {}).status_code == 200
    assert RoundVote.objects.filter(round=round).count() == 2
