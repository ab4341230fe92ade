"""The plan's progress table: every project with its status, money and "behind" flag, for
everyone of the organization, filtered by status or behind only, at a constant query count."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import progress
from projects.models import AuditEvent, ProgressStatus, Project, ProjectProgress
from tests.support import fill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

READERS = ["staff", "orgadmin", "member", "monitor", "executive"]


@pytest.fixture
def today():
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


def table_url(plan, **query):
    url = reverse("projects:plan_progress", args=[plan.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def update(project, by, **values):
    current = getattr(getattr(project, "progress", None), "version", None)
    progress.progress_update(project=project, by=by, values=values, expected_version=current)


@pytest.fixture
def three(announced, world, personas):
    """The announced plan's project (ต.ค.–ธ.ค., 250,000) and two more, recorded three ways."""
    staff = personas["staff"]
    first = Project.objects.get(plan=announced)
    second, third = fill(world, 2, plan=announced)  # 2,001.00 each; ต.ค.–ธ.ค. and ม.ค.–มี.ค.
    update(
        first,
        staff,
        status=ProgressStatus.IN_PROGRESS,
        percent_done=Decimal("60"),
        contract_amount=Decimal("240000"),
    )
    progress.disbursement_add(
        project=first, by=staff, paid_on=date(2022, 3, 1), amount=Decimal("150000")
    )
    update(second, staff, status=ProgressStatus.DONE, percent_done=Decimal("100"))
    return first, second, third


@pytest.mark.parametrize("who", READERS)
def test_it_lists_every_project_with_its_figures(who, three, announced, personas, login):
    response = login(personas[who]).get(table_url(announced))

    assert response.status_code == 200
    rows = {row.project.pk: row for row in response.context["rows"]}
    first, second, third = three
    assert rows[first.pk].planned == Decimal("250000.00")
    assert rows[first.pk].committed == Decimal("240000.00")
    assert rows[first.pk].disbursed_share == Decimal("60.00")
    assert rows[second.pk].status == "done" and not rows[second.pk].is_behind
    # ม.ค.–มี.ค., never started, nothing paid: behind on both counts.
    assert len(rows[third.pk].reasons) == 2
    body = response.content.decode()
    assert "ร้อยละของงบประมาณตามแผน" in body and "25 จุด" in body
    assert "254,002.00" in body  # planned, all three
    assert reverse("projects:progress", args=[first.pk]) in body


@pytest.mark.parametrize("who", ["outsider", "nobody"])
def test_it_is_not_found_for_another_organization(who, announced, personas, login):
    assert login(personas[who]).get(table_url(announced)).status_code == 404


def test_it_sends_the_anonymous_to_log_in(client, announced):
    assert client.get(table_url(announced)).status_code == 302


def test_a_plan_not_yet_announced_has_no_table(world, personas, login):
    response = login(personas["staff"]).get(table_url(world["plan"]), follow=True)
    assert "ติดตามผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น" in response.content.decode()


def test_it_filters_by_status_and_behind(three, announced, personas, login):
    _first, second, third = three
    client = login(personas["staff"])

    def shown(**query):
        return [row.project.pk for row in client.get(table_url(announced, **query)).context["rows"]]

    assert shown(status="done") == [second.pk]
    assert shown(status="not_started") == [third.pk]
    assert shown(behind="1") == [third.pk]
    assert shown(status="done", behind="1") == []
    assert len(shown(status="no-such-status")) == 3  # an unknown value filters nothing
    body = client.get(table_url(announced, status="done")).content.decode()
    assert "พบ 1 โครงการ" in body and "2,001.00" in body


def test_the_table_links_from_the_plans_page(announced, personas, login):
    body = login(personas["member"]).get(reverse("workflow:plan_detail", args=[announced.pk]))
    assert table_url(announced) in body.content.decode()


def test_the_draft_plans_page_has_no_table_link(world, personas, login):
    body = login(personas["staff"]).get(reverse("workflow:plan_detail", args=[world["plan"].pk]))
    assert table_url(world["plan"]) not in body.content.decode()


def test_reading_it_changes_nothing(three, announced, personas, login):
    before = (list(ProjectProgress.objects.values()), AuditEvent.objects.count())
    login(personas["staff"]).get(table_url(announced, behind="1"))
    assert (list(ProjectProgress.objects.values()), AuditEvent.objects.count()) == before


def test_its_query_count_does_not_grow_with_the_plan(
    announced, world, personas, login, django_assert_num_queries
):
    staff = personas["staff"]
    client = login(staff)

    def record(projects):
        for n, project in enumerate(projects):
            if n % 3 == 0:
                done = Decimal(n % 100)
                update(project, staff, status=ProgressStatus.IN_PROGRESS, percent_done=done)
            if n % 4 == 0:
                progress.disbursement_add(
                    project=project, by=staff, paid_on=date(2022, 1, 10), amount=Decimal("500")
                )

    record(fill(world, 4, plan=announced))  # five with the fixture's own
    client.get(table_url(announced))
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(table_url(announced)).context["rows"]) == 5
    record(fill(world, 195, plan=announced))
    with django_assert_num_queries(len(small)):
        response = client.get(table_url(announced, behind="1"))
    assert response.context["count"] == 200


def test_its_cells_read_as_the_filters_wrote_them(three, announced, personas, login):
    """Every cell of a three-project table, as the page showed it when the template still
    formatted each cell with the thai filters: formatting in Python changed no text."""
    from tests.test_public_progress_pages import cells

    body = login(personas["staff"]).get(table_url(announced)).content.decode()
    header, *rows, total = cells(body, "progress-table")
    assert header[-2:] == ["เบิกจ่าย: ร้อยละของงบประมาณตามแผน", "ล่าช้า"]
    assert rows == [
        [
            "โครงการก่อสร้างถนนคอนกรีต สายที่ 0 1. สาธารณสุข · ต.ค. พ.ย. ธ.ค.",
            "แล้วเสร็จ",
            "100.00",
            "2,001.00",
            "-",
            "0.00",
            "0.00",
            "-",
        ],
        [
            "โครงการดำเนินงานจัดทำแผนชุมชน 1. เคหะและชุมชน · ต.ค. พ.ย. ธ.ค.",
            "อยู่ระหว่างดำเนินการ",
            "60.00",
            "250,000.00",
            "240,000.00",
            "150,000.00",
            "60.00",
            "-",
        ],
        [
            "โครงการก่อสร้างถนนคอนกรีต สายที่ 1 2. เคหะและชุมชน · ม.ค. ก.พ. มี.ค.",
            "ยังไม่ดำเนินการ",
            "0.00",
            "2,001.00",
            "-",
            "0.00",
            "0.00",
            "ล่าช้า ถึงเดือนที่กำหนดดำเนินการแล้ว (เริ่ม ม.ค. 2565) แต่ยังไม่ได้เริ่มดำเนินการ "
            "เบิกจ่ายแล้วร้อยละ 0.00 ของงบประมาณตามแผน ขณะที่ปีงบประมาณผ่านไปแล้วร้อยละ 51.23 "
            "(ต่างกันเกิน 25 จุด)",
        ],
    ]
    assert total == ["รวม", "254,002.00", "240,000.00", "150,000.00", "59.05", ""]
    first = three[0]
    assert f'<a href="{reverse("projects:progress", args=[first.pk])}">' in body
