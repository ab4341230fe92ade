"""Who is told of a report's steps, and what the waiting-for-me page lists for each role."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from projects.models import RoundStage
from tests.rounds_support import APRIL, at, detail_url, opened
from workflow import rounds

pytestmark = pytest.mark.django_db

# The waiting page's queries, however many rounds wait (session, user, memberships, plans,
# rounds, votes, returns, savepoints).
QUERIES = 8


@pytest.fixture
def emails(personas):
    for name, user in personas.items():
        user.email = f"{name}@example.org"
        user.save()
    return personas


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def round(announced, personas):
    with time_machine.travel(APRIL, tick=False):
        return opened(announced, personas["staff"])


def told() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


@time_machine.travel(APRIL, tick=False)
def test_each_step_tells_the_people_it_waits_on(round, emails, committing):
    staff, monitor, executive = emails["staff"], emails["monitor"], emails["executive"]
    rounds.round_close(round=round, by=staff)
    mail.outbox.clear()
    with committing():
        rounds.report_submit(round=round, by=staff)
    assert told() == ["monitor@example.org"]
    assert "เสนอครั้งที่ 1" in mail.outbox[0].subject
    assert detail_url(round) in mail.outbox[0].body

    mail.outbox.clear()
    with committing():
        rounds.report_vote(round=round, by=monitor, approve=False, comment="เพิ่มภาพถ่าย")
    assert told() == ["staff@example.org"]
    assert "เพิ่มภาพถ่าย" in mail.outbox[0].body

    rounds.report_submit(round=round, by=staff)
    mail.outbox.clear()
    with committing():
        rounds.report_vote(round=round, by=monitor, approve=True)
    assert told() == ["executive@example.org"]

    mail.outbox.clear()
    with committing():
        rounds.report_executive_return(round=round, by=executive, comment="รอเสนอสภา")
    assert told() == ["staff@example.org"]

    rounds.report_submit(round=round, by=staff)
    rounds.report_vote(round=round, by=monitor, approve=True)
    mail.outbox.clear()
    with committing():
        rounds.report_announce(
            round=round,
            by=executive,
            announced_on=APRIL,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายก",
            issue=lambda r, by: None,
        )
    assert told() == ["staff@example.org"]
    assert "ประกาศรายงานผลการติดตาม" in mail.outbox[0].subject


@time_machine.travel(APRIL, tick=False)
def test_a_refused_step_tells_no_one(round, emails, committing):
    mail.outbox.clear()
    with committing(), pytest.raises(rounds.WrongStage):
        rounds.report_submit(round=round, by=emails["staff"])
    assert mail.outbox == []


def waiting(client) -> str:
    return client.get(reverse("workflow:waiting")).content.decode()


@time_machine.travel(APRIL, tick=False)
def test_the_waiting_page_lists_what_each_role_must_do(round, personas, login):
    at(round, RoundStage.COMMITTEE_REVIEW)
    assert "รอมติของคุณต่อรายงานผลการติดตาม" in waiting(login(personas["monitor"]))
    assert 'data-testid="waiting-round"' not in waiting(login(personas["executive"]))
    rounds.report_vote(round=round, by=personas["monitor"], approve=False, comment="แก้ตาราง")
    assert 'data-testid="waiting-round"' not in waiting(login(personas["monitor"]))
    page = waiting(login(personas["staff"]))
    assert "รายงานถูกส่งกลับให้แก้ไข: แก้ตาราง" in page
    assert "30 เมษายน พ.ศ. 2565" in page  # its due date
    at(round, RoundStage.PROPOSED)
    assert "รอผู้บริหารเสนอสภาท้องถิ่นและลงนามประกาศรายงาน" in waiting(login(personas["executive"]))
    assert 'data-testid="waiting-round"' not in waiting(login(personas["outsider"]))


def test_an_overdue_report_waits_on_staff_and_the_executive(round, personas, login):
    at(round, RoundStage.COMMITTEE_REVIEW)
    with time_machine.travel(date(2022, 5, 10), tick=False):
        for persona in ("staff", "executive"):
            page = waiting(login(personas[persona]))
            assert "รายงานผลการติดตามเกินกำหนดประกาศ" in page
            assert "เกินกำหนด" in page
        assert "รายงานผลการติดตามเกินกำหนดประกาศ" not in waiting(login(personas["member"]))


@pytest.mark.parametrize("count", [1, 6])
def test_the_waiting_page_costs_the_same_queries_for_any_number_of_rounds(
    count, announced, personas, login, django_assert_num_queries, world
):
    from projects.models import RoundKind
    from tests.support import add_plan, announce

    kinds = list(RoundKind)
    for i in range(count):
        plan = announce(add_plan(world, 2566 + i)) if i else announced
        round = opened(plan, personas["staff"], kinds[i % len(kinds)])
        at(round, RoundStage.COMMITTEE_REVIEW)
    client = login(personas["monitor"])
    waiting(client)
    with django_assert_num_queries(QUERIES):
        page = waiting(client)
    assert page.count('data-testid="waiting-round"') == count
