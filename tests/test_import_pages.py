"""The import pages: upload, preview, confirm; who may use them; nothing saved before the
confirmation, then all rows or none; one history entry per import; the round trip."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from projects.exports import to_xlsx
from projects.imports.template import template_xlsx
from projects.models import AuditEvent, PendingImport, Project, Stage
from tests.support import add_project, fill, valid_post, xlsx
from tests.test_import_reading import HEADINGS, good_row


def upload(client, plan, content, name="plan.xlsx"):
    return client.post(
        reverse("projects:import_upload", args=[plan.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def upload_and_preview(client, plan, content):
    response = upload(client, plan, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url, client.get(response.url)


def projects_of(plan):
    return list(plan.projects.with_details().prefetch_related("budget_lines"))


def imports(plan):
    return AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.PROJECTS_IMPORTED)


def test_it_previews_every_row_and_saves_nothing_before_the_confirmation(login, personas, world):
    client = login(personas["staff"])
    plan = world["plan"]
    more = [None] * 7 + ["งบดำเนินงาน", "ค่าใช้สอย", "", "5000"]
    content = xlsx([HEADINGS, good_row(1), more, good_row(2)])
    url, preview = upload_and_preview(client, plan, content)

    page = preview.content.decode()
    assert "โครงการก่อสร้างถนนคอนกรีต สายที่ 1" in page
    assert "255,000.00" in page
    assert "ยืนยันนำเข้า 2 โครงการ" in page
    assert Project.objects.count() == 0
    client.get(url)  # looking again changes nothing either
    assert Project.objects.count() == 0

    response = client.post(url)
    assert response.status_code == 302
    assert Project.objects.filter(plan=plan).count() == 2
    first = Project.objects.get(title="โครงการก่อสร้างถนนคอนกรีต สายที่ 1")
    assert sorted(first.budget_lines.values_list("amount", flat=True)) == [5000, 250000]
    event = imports(plan).get()
    assert event.actor == personas["staff"]
    assert event.comment == "plan.xlsx"
    assert event.changes["rows"] == ["", "2"]
    assert event.changes["created"] == ["", "2"]
    assert not PendingImport.objects.exists()
    history = client.get(reverse("workflow:plan_history", args=[plan.pk])).content.decode()
    assert "นำเข้าโครงการจากไฟล์" in history


def test_it_saves_no_row_when_one_row_is_wrong(login, personas, world):
    client = login(personas["staff"])
    plan = world["plan"]
    bad = good_row(2)
    bad[10] = "สองแสน"
    url, preview = upload_and_preview(client, plan, xlsx([HEADINGS, good_row(1), bad]))
    page = preview.content.decode()
    assert "K3" in page and "กรุณากรอกจำนวนเงินเป็นตัวเลข" in page
    assert "ยืนยันนำเข้า" not in page

    response = client.post(url, follow=True)
    assert "ยังนำเข้าไม่ได้" in response.content.decode()
    assert Project.objects.count() == 0
    assert not imports(plan).exists()


def test_it_says_that_the_plans_own_export_changes_nothing(login, personas, world):
    fill(world, 30)
    plan = world["plan"]
    before = sorted(Project.objects.values_list("pk", "version", "updated_at"))
    client = login(personas["staff"])
    for content in (to_xlsx(plan, projects_of(plan), "http://testserver/"), None):
        if content is None:  # the staff's own download of the plan, from the import page
            template = reverse("projects:import_template", args=[plan.pk]) + "?filled=1"
            content = client.get(template).content
        url, preview = upload_and_preview(client, plan, content)
        assert preview.context["counts"] == {"create": 0, "update": 0, "unchanged": 30, "error": 0}
        assert "ไม่มีการเปลี่ยนแปลง" in preview.content.decode()
        response = client.post(url, follow=True)
        assert "ไม่มีการเปลี่ยนแปลง" in response.content.decode()
    assert sorted(Project.objects.values_list("pk", "version", "updated_at")) == before
    assert not imports(plan).exists()


def test_it_updates_the_rows_changed_in_the_plans_own_download(login, personas, world):
    fill(world, 5)
    plan = world["plan"]
    book = load_workbook(BytesIO(template_xlsx(plan, projects_of(plan))))
    sheet = book["โครงการ"]
    headings = [c.value for c in sheet[1]]
    sheet.cell(2, headings.index("โครงการ/กิจกรรม") + 1, "ชื่อที่แก้ใน Excel")
    target_id = sheet.cell(2, 1).value
    out = BytesIO()
    book.save(out)
    url, preview = upload_and_preview(login(personas["staff"]), plan, out.getvalue())
    assert preview.context["counts"]["update"] == 1
    assert preview.context["counts"]["unchanged"] == 4
    login(personas["staff"]).post(url)
    project = Project.objects.get(pk=target_id)
    assert (project.title, project.version) == ("ชื่อที่แก้ใน Excel", 2)
    assert imports(plan).get().changes["updated"] == ["", "1"]


def test_it_answers_a_broken_file_with_a_thai_message_and_keeps_nothing(login, personas, world):
    client = login(personas["staff"])
    for content, message in (
        (b"not a spreadsheet", "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"PK\x03\x04" + b"\0" * 50, "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"", "ไฟล์ที่เลือกว่างเปล่า"),
        (xlsx([["ชื่อ"], ["ถนน"]]), "ไม่พบหัวตาราง"),
    ):
        response = upload(client, world["plan"], content, name="แผน.xlsx")
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not PendingImport.objects.exists()


def test_it_refuses_an_import_into_a_plan_past_drafting(login, personas, world):
    plan = world["plan"]
    client = login(personas["staff"])
    url, _preview = upload_and_preview(client, plan, xlsx([HEADINGS, good_row()]))
    plan.stage = Stage.COMMITTEE_REVIEW
    plan.save()
    for response in (client.get(url), client.post(url), upload(client, plan, b"x")):
        assert response.status_code == 302
    assert Project.objects.count() == 0


def test_it_refuses_an_import_over_an_edit_made_since_the_preview_and_keeps_the_file(
    login, personas, world
):
    project = add_project(world, title="ชื่อเดิม")
    plan = world["plan"]
    client = login(personas["staff"])
    content = xlsx([["รหัสโครงการ", *HEADINGS], [project.pk, *good_row()]])
    url, _preview = upload_and_preview(client, plan, content)
    line = project.budget_lines.get()
    edit = valid_post(
        world,
        title="ชื่อจากแบบฟอร์ม",
        version=1,
        **{"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": line.pk},
    )
    client.post(reverse("projects:project_update", args=[project.pk]), edit)
    project.refresh_from_db()
    assert (project.title, project.version) == ("ชื่อจากแบบฟอร์ม", 2)

    refused = client.post(url)
    assert refused.status_code == 200
    assert "หลังจากที่คุณดูตัวอย่าง" in refused.content.decode()
    project.refresh_from_db()
    assert project.title == "ชื่อจากแบบฟอร์ม"
    assert PendingImport.objects.filter(plan=plan).exists()
    # Seen the new preview, the officer confirms again on purpose.
    client.post(url)
    project.refresh_from_db()
    assert (project.title, project.version) == ("โครงการก่อสร้างถนนคอนกรีต สายที่ 1", 3)


def test_it_refuses_a_form_edit_made_over_an_import_and_keeps_what_was_typed(
    login, personas, world
):
    project = add_project(world, title="ชื่อเดิม")
    client = login(personas["staff"])
    content = xlsx([["รหัสโครงการ", *HEADINGS], [project.pk, *good_row()]])
    url, _preview = upload_and_preview(client, world["plan"], content)
    client.post(url)
    line_id = Project.objects.get(pk=project.pk).budget_lines.get().pk
    edit = valid_post(
        world,
        title="ชื่อที่พิมพ์ไว้ในแบบฟอร์ม",
        version=1,
        **{"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": line_id},
    )
    response = client.post(reverse("projects:project_update", args=[project.pk]), edit)
    assert response.status_code == 200
    page = response.content.decode()
    assert "มีผู้อื่นบันทึกการแก้ไขโครงการนี้ไปก่อนแล้ว" in page
    assert 'value="ชื่อที่พิมพ์ไว้ในแบบฟอร์ม"' in page
    project.refresh_from_db()
    assert project.title == "โครงการก่อสร้างถนนคอนกรีต สายที่ 1"


def test_it_keeps_one_persons_pending_file_from_another(login, personas, world):
    url, _preview = upload_and_preview(
        login(personas["staff"]), world["plan"], xlsx([HEADINGS, good_row()])
    )
    response = login(personas["orgadmin"]).post(url)
    assert response.status_code == 404
    assert Project.objects.count() == 0


def test_it_offers_the_template_with_an_explanation_of_every_column(login, personas, world):
    response = login(personas["staff"]).get(
        reverse("projects:import_template", args=[world["plan"].pk])
    )
    assert response["Content-Disposition"].endswith('-import-template.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["โครงการ", "คำอธิบาย"]
    headings = [c.value for c in book["โครงการ"][1]]
    explained = [row[0] for row in book["คำอธิบาย"].iter_rows(min_row=5, values_only=True)]
    assert set(headings) <= set(explained)
    assert {"ต.ค.", "ก.ย.", "งบ", "หมวด", "จำนวนเงิน (บาท)", "แนวทางการพัฒนา"} <= set(headings)


PREVIEW_STATUS = {
    "staff": 200,  # the one who uploaded it
    "orgadmin": 404,  # may import too, but not someone else's pending file
    "member": 403,
    "executive": 403,
    "outsider": 404,
    "nobody": 404,
}


def test_it_shows_a_pending_preview_to_its_uploader_only(client, login, personas, world):
    url, _preview = upload_and_preview(
        login(personas["staff"]), world["plan"], xlsx([HEADINGS, good_row()])
    )
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))
    for persona, status in PREVIEW_STATUS.items():
        assert login(personas[persona]).get(url).status_code == status, persona
        if status != 200:
            assert login(personas[persona]).post(url).status_code == status, persona
    assert Project.objects.count() == 0
