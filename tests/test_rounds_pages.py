"""The monitoring pages against every persona, what they show, and their query counts."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import RoundKind, RoundStage
from tests.rounds_support import APRIL, at, detail_url, opened, rounds_url
from tests.support import fill
from workflow import rounds

pytestmark = pytest.mark.django_db

MEMBERS = ["staff", "orgadmin", "member", "monitor", "executive"]


@pytest.fixture
def round(announced, personas):
    with time_machine.travel(APRIL, tick=False):
        return opened(announced, personas["staff"])


@pytest.mark.parametrize(
    ("persona", "status"), [*((p, 200) for p in MEMBERS), ("outsider", 404), ("nobody", 404)]
)
def test_the_pages_answer_every_persona(persona, status, round, personas, login):
    client = login(personas[persona])
    assert client.get(rounds_url(round.plan)).status_code == status
    assert client.get(detail_url(round)).status_code == status
    at(round, RoundStage.DRAFTING)
    assert client.get(detail_url(round)).status_code == status


def test_anonymous_people_are_sent_to_log_in(client, round):
    for url in (rounds_url(round.plan), detail_url(round)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["staff", "orgadmin", "member", "monitor", "executive"])
def test_the_plan_page_links_to_its_rounds_once_announced(persona, announced, personas, login):
    page = login(personas[persona]).get(reverse("workflow:plan_detail", args=[announced.pk]))
    assert rounds_url(announced) in page.content.decode()


def test_a_plan_in_preparation_has_no_link_and_no_form(world, personas, login):
    plan = world["plan"]
    client = login(personas["staff"])
    assert (
        rounds_url(plan)
        not in client.get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    )
    page = client.get(rounds_url(plan)).content.decode()
    assert 'data-testid="not-announced"' in page
    assert 'data-testid="open-form"' not in page
    refused = client.post(rounds_url(plan), {"kind": "half_year"})
    assert refused.status_code == 200
    assert "เปิดรอบการติดตามได้เมื่อแผนประกาศใช้แล้วเท่านั้น" in refused.content.decode()
    assert not plan.rounds.exists()


@time_machine.travel(APRIL, tick=False)
def test_staff_open_only_the_kinds_not_yet_opened(announced, personas, login):
    client = login(personas["staff"])
    response = client.post(rounds_url(announced), {"kind": "half_year"})
    round = announced.rounds.get()
    assert response.url == detail_url(round)
    page = client.get(rounds_url(announced)).content.decode()
    assert '<option value="half_year"' not in page
    assert '<option value="full_year"' in page
    again = client.post(rounds_url(announced), {"kind": "half_year"})
    assert again.status_code == 200
    assert "ไม่มีรอบการติดตามนี้ให้เลือก" in again.content.decode()
    assert announced.rounds.count() == 1


@pytest.mark.parametrize("persona", ["orgadmin", "member", "monitor", "executive"])
def test_only_planning_staff_open_a_round(persona, announced, personas, login):
    client = login(personas[persona])
    assert 'data-testid="open-form"' not in client.get(rounds_url(announced)).content.decode()
    assert client.post(rounds_url(announced), {"kind": "half_year"}).status_code == 403
    assert not announced.rounds.exists()


def test_an_outsider_cannot_open_a_round(announced, personas, login):
    response = login(personas["outsider"]).post(rounds_url(announced), {"kind": "half_year"})
    assert response.status_code == 404
    assert not announced.rounds.exists()


@time_machine.travel(date(2022, 5, 2), tick=False)
def test_the_list_says_when_each_report_is_due_and_which_is_overdue(round, personas, login):
    page = login(personas["staff"]).get(rounds_url(round.plan)).content.decode()
    # Half year to 31 March under the seed's [4, 10]: due by 30 April, and it is 2 May.
    assert "30 เมษายน พ.ศ. 2565" in page
    assert 'data-testid="overdue"' in page
    assert "ภายในเดือนเมษายนและภายในเดือนตุลาคม" in page  # the legal source beside it


@time_machine.travel(APRIL, tick=False)
def test_the_round_page_shows_the_snapshot_with_the_base_of_every_percentage(
    round, personas, login
):
    client = login(personas["staff"])
    page = client.get(detail_url(round)).content.decode()
    assert 'data-testid="snapshot"' not in page
    assert 'data-testid="open-note"' in page
    rounds.round_close(round=round, by=personas["staff"])
    page = client.get(detail_url(round)).content.decode()
    assert 'data-testid="snapshot"' in page
    assert page.count("ร้อยละของโครงการทั้งหมดในแผน") == 4
    assert page.count("ร้อยละของงบประมาณตามแผน") == 2
    assert "250,000.00" in page
    assert "ปิดรอบโดย staff" in page
    assert "จำนวนโครงการ" in page  # the close's count in the history


@time_machine.travel(APRIL, tick=False)
def test_each_person_sees_only_their_own_buttons(round, personas, login):
    at(round, RoundStage.COMMITTEE_REVIEW)
    for persona, expected in [
        ("monitor", {"report_approve", "report_return"}),
        ("staff", set()),
        ("executive", set()),
    ]:
        page = login(personas[persona]).get(detail_url(round)).content.decode()
        shown = {k for k in ("report_approve", "report_return") if f"step-{k}" in page}
        assert shown == expected, persona
    at(round, RoundStage.PROPOSED)
    page = login(personas["executive"]).get(detail_url(round)).content.decode()
    assert 'data-testid="announce-form"' in page
    assert 'data-testid="step-report_exec_return"' in page
    # The signer comes prefilled from the organization.
    org = round.plan.organization
    assert f'value="{org.executive_name}"' in page


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_at_5_and_120_projects(announced, personas, login, world):
    client = login(personas["staff"])
    counts = []
    for more in (4, 115):
        fill(world, more, plan=announced)
        announced.rounds.all().delete()
        with time_machine.travel(APRIL, tick=False):
            round = opened(announced, personas["staff"])
            rounds.round_close(round=round, by=personas["staff"])
        counts.append(
            (page_queries(client, detail_url(round)), page_queries(client, rounds_url(announced)))
        )
    assert announced.projects.count() == 120
    assert counts[0] == counts[1], counts


def test_every_kind_can_be_opened_and_appears_in_order(announced, personas, login):
    for kind in (RoundKind.FULL_YEAR, RoundKind.QUARTER_1, RoundKind.HALF_YEAR):
        opened(announced, personas["staff"], kind)
    page = login(personas["member"]).get(rounds_url(announced)).content.decode()
    order = [page.index(str(k.label)) for k in (RoundKind.QUARTER_1, RoundKind.HALF_YEAR)]
    assert order == sorted(order)
    assert page.index(str(RoundKind.HALF_YEAR.label)) < page.index(str(RoundKind.FULL_YEAR.label))
