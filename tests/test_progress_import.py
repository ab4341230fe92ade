"""Progress in bulk from Excel: the plan's progress file, its import through upload → preview →
confirm, all rows or none, the race with an update made since the preview, who may use it."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from projects import progress
from projects.models import (
    AuditEvent,
    Disbursement,
    PendingImport,
    ProgressStatus,
    Project,
    ProjectProgress,
    Stage,
)
from tests.support import fill, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """Half way through the fiscal year 2565: payments up to today, not after."""
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


SHEET = "ผลการดำเนินงาน"


def template_url(plan):
    return reverse("projects:progress_template", args=[plan.pk])


def upload_url(plan):
    return reverse("projects:progress_import_upload", args=[plan.pk])


def download(client, plan):
    response = client.get(template_url(plan))
    assert response.status_code == 200, response
    return load_workbook(BytesIO(response.content))


def edited(book, edits: dict[int, dict[str, object]]) -> bytes:
    """The workbook with cells set by their Thai heading, in the rows of the given project ids."""
    sheet = book[SHEET]
    columns = {cell.value: n for n, cell in enumerate(sheet[2], 1)}
    rows = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    for project_id, cells in edits.items():
        for heading, value in cells.items():
            sheet.cell(rows[project_id], columns[heading]).value = value
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, plan, content, name="ผลการดำเนินงาน.xlsx"):
    return client.post(upload_url(plan), {"file": SimpleUploadedFile(name, content)})


def upload_and_preview(client, plan, content):
    response = upload(client, plan, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response.url, client.get(response.url)


def only_project(plan):
    return Project.objects.get(plan=plan)


def events(plan, kind):
    return AuditEvent.objects.filter(plan=plan, kind=kind)


def test_it_downloads_each_project_with_its_record_and_explains_the_columns(
    login, personas, announced
):
    project = only_project(announced)
    progress.progress_update(
        project=project,
        by=personas["staff"],
        values={
            "status": ProgressStatus.IN_PROGRESS,
            "contract_amount": Decimal("245000"),
            "contract_on": date(2021, 12, 20),
            "percent_done": Decimal("40"),
            "actual_start": date(2022, 1, 1),
        },
        expected_version=None,
    )
    progress.disbursement_add(
        project=project, by=personas["staff"], paid_on=date(2022, 2, 1), amount=Decimal("100000")
    )
    book = download(login(personas["staff"]), announced)
    sheet = book[SHEET]
    assert f"รหัสแผน {announced.pk}" in sheet["A1"].value
    headings = [c.value for c in sheet[2]]
    row = dict(zip(headings, [c.value for c in sheet[3]], strict=True))
    assert row["รหัสโครงการ"] == project.pk
    assert row["โครงการ/กิจกรรม"] == "โครงการดำเนินงานจัดทำแผนชุมชน"
    assert row["งบประมาณตามแผน (บาท)"] == 250000
    assert row["สถานะ"] == "อยู่ระหว่างดำเนินการ"
    assert row["วงเงินตามสัญญา/ใบสั่ง (บาท)"] == 245000
    assert row["วันที่ลงนามสัญญา/ใบสั่ง"] == "20/12/2564"
    assert row["ความก้าวหน้า (ร้อยละ)"] == 40
    assert row["เดือนที่เริ่มดำเนินการจริง"] == "ม.ค. 2565"
    assert row["เบิกจ่ายแล้วรวม (บาท)"] == 100000
    assert row["วันที่เบิกจ่าย (รายการใหม่)"] is None
    lists = [v for v in sheet.data_validations.dataValidation]
    assert any("ลงนามสัญญาแล้ว" in v.formula1 and "ยกเลิก" in v.formula1 for v in lists)
    assert any("วิธีเฉพาะเจาะจง" in v.formula1 for v in lists)
    notes = [r[0] for r in book["คำอธิบาย"].iter_rows(values_only=True)]
    assert set(headings) <= set(notes)


def test_it_previews_the_changes_saves_nothing_then_saves_every_row_on_confirmation(
    login, personas, announced
):
    project = only_project(announced)
    client = login(personas["staff"])
    content = edited(
        download(client, announced),
        {
            project.pk: {
                "สถานะ": "ลงนามสัญญาแล้ว",
                "วิธีจัดซื้อจัดจ้าง": "วิธีเฉพาะเจาะจง",
                "วงเงินตามสัญญา/ใบสั่ง (บาท)": 245000,
                "วันที่ลงนามสัญญา/ใบสั่ง": "20/12/2564",
                "ความก้าวหน้า (ร้อยละ)": 10,
                "เดือนที่เริ่มดำเนินการจริง": "ม.ค. 2565",
                "ปัญหาและอุปสรรค": "ฝนตกชุก",
                "วันที่เบิกจ่าย (รายการใหม่)": "01/03/2565",
                "จำนวนเงินเบิกจ่าย (รายการใหม่)": "50,000",
            }
        },
    )
    url, preview = upload_and_preview(client, announced, content)
    page = preview.content.decode()
    assert preview.context["counts"] == {"change": 1, "unchanged": 0, "error": 0}
    assert "ยังไม่ดำเนินการ</span> → <strong>ลงนามสัญญาแล้ว" in page
    assert "245,000.00" in page and "ฝนตกชุก" in page
    assert "เพิ่มการเบิกจ่าย 1 มีนาคม พ.ศ. 2565 50,000.00 บาท" in page
    assert "ยืนยันนำเข้า 1 โครงการ" in page
    client.get(url)  # looking again writes nothing either
    assert not ProjectProgress.objects.exists() and not Disbursement.objects.exists()

    response = client.post(url)
    assert response.status_code == 302
    record = ProjectProgress.objects.get(project=project)
    assert (record.status, record.procurement_method, record.contract_amount) == (
        "contracted",
        "specific",
        Decimal("245000.00"),
    )
    assert (record.contract_on, record.actual_start, record.percent_done) == (
        date(2021, 12, 20),
        date(2022, 1, 1),
        Decimal("10.00"),
    )
    assert (record.problems, record.updated_by) == ("ฝนตกชุก", personas["staff"])
    payment = Disbursement.objects.get(project=project)
    assert (payment.paid_on, payment.amount) == (date(2022, 3, 1), Decimal("50000.00"))
    assert events(announced, AuditEvent.Kind.PROGRESS_UPDATED).count() == 1
    assert events(announced, AuditEvent.Kind.DISBURSEMENT_ADDED).count() == 1
    imported = events(announced, AuditEvent.Kind.PROGRESS_IMPORTED).get()
    assert (imported.actor, imported.comment) == (personas["staff"], "ผลการดำเนินงาน.xlsx")
    assert imported.changes == {
        "rows": ["", "1"],
        "records": ["", "1"],
        "payments": ["", "1"],
        "unchanged": ["", "0"],
    }
    assert not PendingImport.objects.exists()
    history = client.get(reverse("workflow:plan_history", args=[announced.pk])).content.decode()
    assert "นำเข้าผลการดำเนินงานจากไฟล์" in history and "เพิ่มรายการเบิกจ่าย" in history


def test_it_says_that_the_file_as_downloaded_changes_nothing(login, personas, announced, world):
    fill(world, 20, announced)
    for project in Project.objects.filter(plan=announced)[:5]:
        progress.progress_update(
            project=project,
            by=personas["staff"],
            values={"status": ProgressStatus.DONE, "percent_done": Decimal("100")},
            expected_version=None,
        )
    before = sorted(ProjectProgress.objects.values_list("pk", "version", "updated_at"))
    client = login(personas["orgadmin"])
    content = edited(download(client, announced), {})
    url, preview = upload_and_preview(client, announced, content)
    assert preview.context["counts"] == {"change": 0, "unchanged": 21, "error": 0}
    assert "ไม่มีการเปลี่ยนแปลง" in preview.content.decode()
    response = client.post(url, follow=True)
    assert "ไม่มีการเปลี่ยนแปลง" in response.content.decode()
    assert sorted(ProjectProgress.objects.values_list("pk", "version", "updated_at")) == before
    assert not events(announced, AuditEvent.Kind.PROGRESS_IMPORTED).exists()
    assert not PendingImport.objects.exists()


def test_it_saves_no_row_when_one_row_is_wrong(login, personas, announced, world):
    fill(world, 2, announced)
    first, second, third = Project.objects.filter(plan=announced).order_by("pk")
    client = login(personas["staff"])
    content = edited(
        download(client, announced),
        {
            first.pk: {"สถานะ": "อยู่ระหว่างดำเนินการ", "ความก้าวหน้า (ร้อยละ)": 30},
            second.pk: {"สถานะ": "กำลังทำ"},
            third.pk: {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 10},
        },
    )
    url, preview = upload_and_preview(client, announced, content)
    page = preview.content.decode()
    assert "ไม่รู้จักสถานะ “กำลังทำ”" in page
    assert "ยืนยันนำเข้า" not in page
    response = client.post(url, follow=True)
    assert "ยังนำเข้าไม่ได้" in response.content.decode()
    assert not ProjectProgress.objects.exists() and not Disbursement.objects.exists()
    assert not AuditEvent.objects.filter(kind__startswith="progress").exists()


def test_it_rolls_back_the_rows_written_when_a_later_payment_is_refused(
    login, personas, announced, world
):
    """The preview passed; by the confirmation the second row's payment date is in the future
    (the clock went back): its refusal undoes the first row's record written before it."""
    fill(world, 1, announced)
    first, second = Project.objects.filter(plan=announced).order_by("pk")
    client = login(personas["staff"])
    content = edited(
        download(client, announced),
        {
            first.pk: {"สถานะ": "อยู่ระหว่างดำเนินการ"},
            second.pk: {"วันที่เบิกจ่าย (รายการใหม่)": "5/4/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 10},
        },
    )
    url, preview = upload_and_preview(client, announced, content)
    assert preview.context["counts"]["change"] == 2
    with time_machine.travel(date(2022, 4, 1), tick=False):
        response = client.post(url)
    assert response.status_code == 200
    assert "วันที่เบิกจ่ายต้องไม่เป็นวันในอนาคต" in response.content.decode()
    assert not ProjectProgress.objects.exists() and not Disbursement.objects.exists()
    assert not AuditEvent.objects.filter(kind__startswith="progress").exists()
    assert PendingImport.objects.filter(plan=announced).exists()


def without_stamps(book):
    """The office's own copy of the file, without the hidden column of record versions."""
    book[SHEET].delete_cols(book[SHEET].max_column)
    return book


def test_it_refuses_a_confirmation_over_an_update_made_since_the_preview_and_keeps_the_file(
    login, personas, announced
):
    project = only_project(announced)
    client = login(personas["staff"])
    book = without_stamps(download(client, announced))
    content = edited(book, {project.pk: {"ความก้าวหน้า (ร้อยละ)": 20}})
    url, _preview = upload_and_preview(client, announced, content)
    progress.progress_update(
        project=project,
        by=personas["orgadmin"],
        values={"status": ProgressStatus.PROCURING, "problems": "รอผู้รับจ้าง"},
        expected_version=None,
    )

    refused = client.post(url)
    assert refused.status_code == 200
    assert "หลังจากที่คุณดูตัวอย่าง" in refused.content.decode()
    record = ProjectProgress.objects.get(project=project)
    assert (record.version, record.percent_done) == (1, Decimal("0"))
    assert not events(announced, AuditEvent.Kind.PROGRESS_IMPORTED).exists()
    # The new preview shows the file against today's record: it would clear the problems
    # and put the status back; confirmed again, it does so on purpose.
    page = refused.content.decode()
    assert "รอผู้รับจ้าง</span> → <strong>-" in page
    client.post(url)
    record.refresh_from_db()
    assert (record.version, record.percent_done, record.problems) == (2, Decimal("20.00"), "")


def test_rows_brought_back_as_written_change_nothing_though_their_record_moved_on(
    login, personas, announced, world
):
    """One file sent to two departments, each filling its own rows: the second import does
    not undo the first."""
    fill(world, 1, announced)
    first, second = Project.objects.filter(plan=announced).order_by("pk")
    client = login(personas["staff"])
    book = download(client, announced)
    works = edited(book, {first.pk: {"สถานะ": "อยู่ระหว่างดำเนินการ", "ความก้าวหน้า (ร้อยละ)": 50}})
    book = download(client, announced)
    office = edited(book, {second.pk: {"สถานะ": "ยกเลิก", "เหตุผลที่ยกเลิก": "ไม่ได้รับงบ"}})
    for content in (works, office):
        url, preview = upload_and_preview(client, announced, content)
        assert preview.context["counts"] == {"change": 1, "unchanged": 1, "error": 0}
        client.post(url)
    statuses = dict(ProjectProgress.objects.values_list("project_id", "status"))
    assert statuses == {first.pk: "in_progress", second.pk: "cancelled"}


def test_a_changed_row_of_a_record_updated_since_the_file_was_made_is_refused(
    login, personas, announced
):
    project = only_project(announced)
    client = login(personas["staff"])
    content = edited(download(client, announced), {project.pk: {"ความก้าวหน้า (ร้อยละ)": 20}})
    progress.progress_update(
        project=project,
        by=personas["orgadmin"],
        values={"status": ProgressStatus.PROCURING},
        expected_version=None,
    )
    _url, preview = upload_and_preview(client, announced, content)
    row = preview.context["preview"].rows[0]
    assert row.action == "error"
    assert "หลังจากสร้างไฟล์นี้ (ฉบับที่ 0 ตอนนี้ฉบับที่ 1)" in row.problems[0].message


def test_it_refuses_a_confirmation_over_a_payment_recorded_since_the_preview(
    login, personas, announced
):
    project = only_project(announced)
    client = login(personas["staff"])
    content = edited(
        download(client, announced),
        {
            project.pk: {
                "วันที่เบิกจ่าย (รายการใหม่)": "๑/๓/๒๕๖๕",
                "จำนวนเงินเบิกจ่าย (รายการใหม่)": "๕๐,๐๐๐",
            }
        },
    )
    url, _preview = upload_and_preview(client, announced, content)
    progress.disbursement_add(
        project=project, by=personas["orgadmin"], paid_on=date(2022, 3, 2), amount=Decimal("20000")
    )
    refused = client.post(url)
    assert "หลังจากที่คุณดูตัวอย่าง" in refused.content.decode()
    assert Disbursement.objects.count() == 1
    client.post(url)
    assert sorted(Disbursement.objects.values_list("amount", flat=True)) == [20000, 50000]


def test_it_refuses_the_same_payment_twice_when_a_file_is_imported_again(
    login, personas, announced
):
    project = only_project(announced)
    client = login(personas["staff"])
    cells = {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 50000}
    content = edited(download(client, announced), {project.pk: cells})
    url, _preview = upload_and_preview(client, announced, content)
    client.post(url)
    url, again = upload_and_preview(client, announced, content)
    page = again.content.decode()
    assert "บันทึกไว้แล้ว (ไฟล์นี้อาจนำเข้าไปแล้ว)" in page and "S3" in page
    response = client.post(url, follow=True)
    assert "ยังนำเข้าไม่ได้" in response.content.decode()
    assert Disbursement.objects.count() == 1


def test_it_imports_only_into_an_announced_plan(login, personas, world):
    plan = world["plan"]
    assert plan.stage == Stage.COLLECTING
    client = login(personas["staff"])
    for response in (client.get(template_url(plan)), client.get(upload_url(plan))):
        assert response.status_code == 302
        assert response.url == reverse("workflow:plan_detail", args=[plan.pk])
    response = client.get(upload_url(plan), follow=True)
    assert "นำเข้าผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น" in response.content.decode()
    assert upload(client, plan, b"x").status_code == 302
    assert not PendingImport.objects.exists()


def test_it_does_not_show_a_project_imports_file_as_a_progress_import(login, personas, announced):
    waiting = PendingImport.objects.create(
        plan=announced, by=personas["staff"], file_name="plan.xlsx", content=b"x", versions={}
    )
    url = reverse("projects:progress_import_preview", args=[announced.pk, waiting.pk])
    assert login(personas["staff"]).get(url).status_code == 404


def test_it_answers_a_file_that_is_not_the_progress_template_with_a_thai_message(
    login, personas, announced
):
    client = login(personas["staff"])
    for content, message in (
        (b"not a spreadsheet", "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"", "ไฟล์ที่เลือกว่างเปล่า"),
        (xlsx([["ชื่อ"], ["ถนน"]]), "ไม่พบหัวตารางผลการดำเนินงาน"),
        (xlsx([["โครงการ/กิจกรรม", "สถานะ"], ["ถนน", "แล้วเสร็จ"]]), "ไม่พบคอลัมน์ “รหัสโครงการ”"),
        (xlsx([["รหัสโครงการ", "โครงการ/กิจกรรม"], [1, "ถนน"]]), "ไม่มีคอลัมน์ผลการดำเนินงาน"),
    ):
        response = upload(client, announced, content)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not PendingImport.objects.exists()


PAGES = ("template", "upload", "preview")


def page_url(name, plan, pending):
    if name == "template":
        return template_url(plan)
    if name == "upload":
        return upload_url(plan)
    return reverse("projects:progress_import_preview", args=[plan.pk, pending.pk])


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    "who, status",
    [
        ("staff", 200),
        ("orgadmin", 200),
        ("member", 403),
        ("monitor", 403),
        ("executive", 403),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_every_persona_gets_the_answer_of_its_role(
    client, login, personas, announced, name, who, status
):
    # Each persona's own waiting file, so that the preview answers for the role alone.
    pending = PendingImport.objects.create(
        plan=announced,
        by=personas[who],
        file_name="f.xlsx",
        content=edited(download(login(personas["staff"]), announced), {}),
        versions={"progress": {}},
    )
    response = login(personas[who]).get(page_url(name, announced, pending))
    assert response.status_code == status


@pytest.mark.parametrize("name", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, personas, announced, name):
    pending = PendingImport.objects.create(
        plan=announced, by=personas["staff"], file_name="f.xlsx", content=b"", versions={}
    )
    response = client.get(page_url(name, announced, pending))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_post_by_a_role_that_may_not_edit_writes_nothing(login, personas, announced):
    project = only_project(announced)
    cells = {project.pk: {"สถานะ": "ยกเลิก", "เหตุผลที่ยกเลิก": "ซ้ำกับโครงการของอำเภอ"}}
    content = edited(download(login(personas["staff"]), announced), cells)
    for who, status in (("member", 403), ("monitor", 403), ("executive", 403), ("outsider", 404)):
        assert upload(login(personas[who]), announced, content).status_code == status
    assert not PendingImport.objects.exists()


def preview_queries(client, plan, world, count):
    fill(world, count - Project.objects.filter(plan=plan).count(), plan)
    book = download(client, plan)
    ids = list(Project.objects.filter(plan=plan).values_list("pk", flat=True))
    content = edited(
        book,
        {
            pk: {
                "สถานะ": "อยู่ระหว่างดำเนินการ",
                "ความก้าวหน้า (ร้อยละ)": n % 90,
                "วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565",
                "จำนวนเงินเบิกจ่าย (รายการใหม่)": 100 + n,
            }
            for n, pk in enumerate(ids)
        },
    )
    response = upload(client, plan, content)
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as queries:
        page = client.get(response.url)
    assert page.context["counts"]["change"] == count
    return len(queries)


def test_the_previews_queries_do_not_grow_with_the_rows(login, personas, announced, world):
    client = login(personas["staff"])
    small = preview_queries(client, announced, world, 10)
    large = preview_queries(client, announced, world, 300)
    assert small == large, (small, large)


def confirm_queries(client, staff, plan, world, count):
    """A file changing the record of each of ``count`` projects, every second one recorded
    before, with a payment on each row: the queries of its confirmation."""
    fill(world, count - Project.objects.filter(plan=plan).count(), plan)
    ids = list(Project.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True))
    recorded = set(ProjectProgress.objects.values_list("project_id", flat=True))
    for project in Project.objects.filter(pk__in=set(ids[::2]) - recorded):
        progress.progress_update(
            project=project,
            by=staff,
            values={"status": ProgressStatus.PROCURING},
            expected_version=None,
        )
    content = edited(
        download(client, plan),
        {
            pk: {
                "สถานะ": "อยู่ระหว่างดำเนินการ",
                "ความก้าวหน้า (ร้อยละ)": 1 + (count + n) % 90,
                "วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565",
                "จำนวนเงินเบิกจ่าย (รายการใหม่)": count + n,
            }
            for n, pk in enumerate(ids)
        },
    )
    url, preview = upload_and_preview(client, plan, content)
    assert preview.context["counts"] == {"change": count, "unchanged": 0, "error": 0}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url)
    assert response.status_code == 302
    return len(queries)


def test_the_confirmations_queries_do_not_grow_with_the_rows(login, personas, announced, world):
    client, staff = login(personas["staff"]), personas["staff"]
    small = confirm_queries(client, staff, announced, world, 10)
    large = confirm_queries(client, staff, announced, world, 300)
    assert small == large, (small, large)
    records = ProjectProgress.objects.filter(project__plan=announced)
    assert records.count() == 300
    assert set(records.values_list("status", flat=True)) == {"in_progress"}
    assert Disbursement.objects.filter(project__plan=announced).count() == 310
    # 150 recorded through the page (5 of them before the first file), 10 by the first file,
    # 300 by the second.
    assert events(announced, AuditEvent.Kind.PROGRESS_UPDATED).count() == 150 + 10 + 300
    assert events(announced, AuditEvent.Kind.DISBURSEMENT_ADDED).count() == 310


def test_a_record_changed_by_a_file_is_written_as_its_page_writes_it(login, personas, announced):
    """Version bumped, who and when, the fields the file changed and no other, and the same
    history entry as progress_apply's."""
    project = only_project(announced)
    with time_machine.travel(datetime(2022, 3, 1, 9, tzinfo=UTC), tick=False):
        record = progress.progress_update(
            project=project,
            by=personas["orgadmin"],
            values={
                "status": ProgressStatus.CONTRACTED,
                "contract_amount": Decimal("240000"),
                "problems": "รอวัสดุ",
            },
            expected_version=None,
        )
    client = login(personas["staff"])
    content = edited(
        download(client, announced),
        {project.pk: {"ความก้าวหน้า (ร้อยละ)": 35, "ปัญหาและอุปสรรค": "ฝนตกชุก"}},
    )
    url, _preview = upload_and_preview(client, announced, content)
    with time_machine.travel(datetime(2022, 4, 5, 14, tzinfo=UTC), tick=False):
        assert client.post(url).status_code == 302
    after = ProjectProgress.objects.get(pk=record.pk)
    assert (after.version, after.updated_by, after.updated_at) == (
        2,
        personas["staff"],
        datetime(2022, 4, 5, 14, tzinfo=UTC),
    )
    assert (after.status, after.contract_amount, after.percent_done, after.problems) == (
        "contracted",
        Decimal("240000.00"),
        Decimal("35.00"),
        "ฝนตกชุก",
    )
    event = events(announced, AuditEvent.Kind.PROGRESS_UPDATED).filter(actor=personas["staff"])
    assert list(event.values_list("project_id", "project_title", "changes")) == [
        (
            project.pk,
            project.title,
            {"percent_done": ["0.00", "35.00"], "problems": ["รอวัสดุ", "ฝนตกชุก"]},
        )
    ]
