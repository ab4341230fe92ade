"""A project's progress page: who reads it, who writes it, and that reading changes nothing.

Everyone of the organization reads; planning staff and the organization's administrator get
the forms and may write; committee members, the monitoring committee and the executive are
refused a write with 403; another organization and someone without a role get 404.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import progress
from projects.models import AuditEvent, Disbursement, ProgressStatus, Project, ProjectProgress
from tests.support import add_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

READERS = ["staff", "orgadmin", "member", "monitor", "executive"]
EDITORS = ["staff", "orgadmin"]
READ_ONLY = ["member", "monitor", "executive"]
STRANGERS = ["outsider", "nobody"]


@pytest.fixture
def today():
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


@pytest.fixture
def project(announced):
    return Project.objects.get(plan=announced)


def page_url(project):
    return reverse("projects:progress", args=[project.pk])


def update_post(**overrides):
    data = {
        "version": "",
        "status": "in_progress",
        "cancel_reason": "",
        "procurement_method": "specific",
        "contract_amount": "240,000",
        "contract_on": "15/01/2565",
        "percent_done": "40",
        "actual_start": "2022-01-01",
        "actual_end": "",
        "problems": "ฝนตกต่อเนื่อง",
    }
    return data | overrides


def snapshot():
    return (
        list(ProjectProgress.objects.values()),
        list(Disbursement.objects.values()),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("who", READERS)
def test_it_shows_the_record_to_everyone_of_the_organization(who, project, personas, login):
    progress.disbursement_add(
        project=project, by=personas["staff"], paid_on=date(2022, 2, 1), amount=Decimal("62500")
    )
    before = snapshot()

    response = login(personas[who]).get(page_url(project))

    assert response.status_code == 200
    body = response.content.decode()
    assert "ยังไม่ดำเนินการ" in body
    assert "62,500.00" in body and "187,500.00" in body  # paid, and what remains of 250,000
    assert "25.00" in body and "ร้อยละของงบประมาณตามแผน" in body
    assert ('data-testid="progress-form"' in body) == (who in EDITORS)
    assert snapshot() == before


@pytest.mark.parametrize("who", STRANGERS)
def test_it_is_not_found_for_another_organization(who, project, personas, login):
    client = login(personas[who])
    assert client.get(page_url(project)).status_code == 404
    url = reverse("projects:progress_update", args=[project.pk])
    assert client.post(url, update_post()).status_code == 404
    assert not ProjectProgress.objects.exists()


def test_it_sends_the_anonymous_to_log_in(client, project):
    response = client.get(page_url(project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", READ_ONLY)
def test_it_refuses_every_write_to_those_who_only_read(who, project, personas, login):
    progress.disbursement_add(
        project=project, by=personas["staff"], paid_on=date(2022, 2, 1), amount=Decimal("100")
    )
    payment = Disbursement.objects.get()
    before = snapshot()
    client = login(personas[who])
    writes = [
        (reverse("projects:progress_update", args=[project.pk]), update_post()),
        (
            reverse("projects:disbursement_add", args=[project.pk]),
            {"paid_on": "01/03/2565", "amount": "10"},
        ),
        (reverse("projects:disbursement_remove", args=[payment.pk]), {"reason": "ผิด"}),
        (reverse("projects:progress_photo_add", args=[project.pk]), {"caption": "x"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before


@pytest.mark.parametrize(
    "name",
    ["progress_update", "disbursement_add", "progress_photo_add"],
)
def test_its_writes_answer_a_get_with_405_and_change_nothing(name, project, personas, login):
    before = snapshot()
    response = login(personas["staff"]).get(reverse(f"projects:{name}", args=[project.pk]))
    assert response.status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("who", EDITORS)
def test_an_editor_records_the_project_with_dates_typed_in_the_buddhist_era(
    who, project, personas, login
):
    client = login(personas[who])
    response = client.post(reverse("projects:progress_update", args=[project.pk]), update_post())

    assert response.status_code == 302 and response["Location"] == page_url(project)
    record = ProjectProgress.objects.get(project=project)
    assert record.status == ProgressStatus.IN_PROGRESS
    assert record.contract_amount == Decimal("240000.00")
    assert isinstance(record.contract_amount, Decimal)
    assert record.contract_on == date(2022, 1, 15)
    assert record.actual_start == date(2022, 1, 1)
    assert record.percent_done == Decimal("40.00")
    assert record.updated_by == personas[who]
    body = client.get(page_url(project)).content.decode()
    assert "มกราคม 2565" in body  # the month it started, in the Buddhist era
    assert "15 มกราคม พ.ศ. 2565" in body
    # The history says who and when, with the old and new values.
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PROGRESS_UPDATED, project=project)
    assert event.actor == personas[who]
    assert ("สถานะ", "ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ") in event.change_rows
    assert ("เดือนที่เริ่มดำเนินการจริง", "", "มกราคม 2565") in event.change_rows
    assert personas[who].username in body and "บันทึกผลการดำเนินงาน" in body


def test_the_months_offered_are_the_fiscal_years_in_thai(project, personas, login):
    body = login(personas["staff"]).get(page_url(project)).content.decode()
    assert '<option value="2021-10-01">ตุลาคม 2564</option>' in body
    assert '<option value="2022-09-01">กันยายน 2565</option>' in body
    assert "2022-10-01" not in body


def test_a_cancelled_project_needs_a_reason_shown_beside_the_field(project, personas, login):
    client = login(personas["staff"])
    url = reverse("projects:progress_update", args=[project.pk])
    response = client.post(url, update_post(status="cancelled", problems="ทบทวนแล้ว"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["cancel_reason"] == ["กรุณาระบุเหตุผลที่ยกเลิกโครงการ"]
    assert "ทบทวนแล้ว" in response.content.decode()  # what was typed is still there
    assert not ProjectProgress.objects.exists()

    response = client.post(url, update_post(status="cancelled", cancel_reason="ไม่ได้รับงบประมาณ"))
    assert response.status_code == 302
    record = ProjectProgress.objects.get()
    assert (record.status, record.cancel_reason) == ("cancelled", "ไม่ได้รับงบประมาณ")
    assert "ไม่ได้รับงบประมาณ" in client.get(page_url(project)).content.decode()


def test_a_done_project_is_at_one_hundred_per_cent(project, personas, login):
    client = login(personas["staff"])
    url = reverse("projects:progress_update", args=[project.pk])
    response = client.post(url, update_post(status="done", percent_done="95"))
    assert response.context["form"].errors["percent_done"] == [
        "โครงการที่แล้วเสร็จต้องมีความก้าวหน้าร้อยละ 100"
    ]
    assert client.post(url, update_post(status="done", percent_done="๑๐๐")).status_code == 302
    assert ProjectProgress.objects.get().percent_done == Decimal("100.00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("percent_done", "120", "ความก้าวหน้าต้องอยู่ระหว่างร้อยละ 0 ถึง 100"),
        ("percent_done", "สี่สิบ", "กรุณากรอกร้อยละเป็นตัวเลข เช่น 40 หรือ 62.5"),
        ("percent_done", "40.125", "ร้อยละมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        ("contract_amount", "12.345", "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)"),
        ("contract_on", "31/02/2565", "ไม่มีวันที่ 31 เดือน 2 ในปีนั้น"),
        ("contract_on", "01/05/2565", "วันที่ต้องไม่เป็นวันในอนาคต"),
        ("actual_end", "2021-10-01", "เดือนที่แล้วเสร็จต้องไม่ก่อนเดือนที่เริ่มดำเนินการ"),
        ("actual_start", "2030-01-01", None),
    ],
)
def test_it_shows_each_refusal_beside_its_field_and_keeps_the_input(
    field, value, message, project, personas, login
):
    url = reverse("projects:progress_update", args=[project.pk])
    response = login(personas["staff"]).post(url, update_post(**{field: value}))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    assert "ฝนตกต่อเนื่อง" in response.content.decode()
    assert not ProjectProgress.objects.exists()


def test_the_page_of_a_plan_not_yet_announced_says_why(world, personas, login):
    draft = add_project(world)
    client = login(personas["staff"])
    response = client.get(page_url(draft), follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:project_detail", args=[draft.pk])
    assert "ติดตามผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น" in response.content.decode()
    url = reverse("projects:progress_update", args=[draft.pk])
    assert client.post(url, update_post()).status_code == 404
    assert not ProjectProgress.objects.exists()


def test_the_project_page_links_to_its_progress_with_the_status(project, personas, login):
    client = login(personas["member"])
    body = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert page_url(project) in body and "ยังไม่ดำเนินการ" in body


def test_the_draft_project_page_has_no_progress_link(world, personas, login):
    draft = add_project(world)
    body = login(personas["staff"]).get(reverse("projects:project_detail", args=[draft.pk]))
    assert page_url(draft) not in body.content.decode()


def test_the_page_costs_the_same_queries_whatever_its_history(
    project, personas, login, django_assert_num_queries
):
    staff = personas["staff"]
    client = login(staff)
    progress.disbursement_add(
        project=project, by=staff, paid_on=date(2022, 2, 1), amount=Decimal("1")
    )
    client.get(page_url(project))  # the session is read once, warm
    with CaptureQueriesContext(connection) as few:
        assert client.get(page_url(project)).status_code == 200
    for day in range(2, 28):
        progress.disbursement_add(
            project=project, by=staff, paid_on=date(2022, 2, day), amount=Decimal("1")
        )
        progress.progress_update(
            project=project,
            by=staff,
            values={"percent_done": Decimal(day)},
            expected_version=ProjectProgress.objects.filter(project=project)
            .values_list("version", flat=True)
            .first(),
        )
    with django_assert_num_queries(len(few)):
        response = client.get(page_url(project))
    # One payment before, then 26 payments and 26 updates.
    assert response.content.decode().count('data-testid="event"') == 1 + 26 * 2
