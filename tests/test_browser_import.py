"""In Chromium: planning staff upload an Excel file, read the preview, confirm, and find the
projects in the plan; and add and remove budget lines on the project form."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Project, Role
from tests.support import make_user, xlsx
from tests.test_import_reading import HEADINGS, good_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_it_uploads_previews_confirms_and_shows_the_projects(page, log_in, world):
    make_user("staff", world["org"], Role.PLANNING_STAFF)
    log_in("staff")
    page.get_by_role("link", name=re.compile("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565")).click()
    page.get_by_role("link", name="นำเข้าจาก Excel").click()
    second_line = [None] * 7 + ["งบดำเนินงาน", "ค่าใช้สอย", "เงินสะสม", "๕,๐๐๐"]
    content = xlsx([HEADINGS, good_row(1), second_line, good_row(2), good_row(3)])
    page.set_input_files(
        "#id_file", files=[{"name": "แผน.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.get_by_role("button", name="อัปโหลดและดูตัวอย่าง").click()

    expect(page.get_by_test_id("count-create")).to_have_text("3")
    expect(page.get_by_test_id("count-error")).to_have_text("0")
    first = page.get_by_test_id("preview-rows").locator("tr", has_text="สายที่ 1")
    expect(first).to_contain_text("เพิ่มใหม่")
    expect(first).to_contain_text("255,000.00")
    assert Project.objects.count() == 0

    page.get_by_role("button", name="ยืนยันนำเข้า 3 โครงการ").click()
    expect(page.locator(".alert-success")).to_contain_text("นำเข้าแล้ว: เพิ่ม 3 โครงการ")
    expect(page.get_by_test_id("plan-count")).to_have_text("3")
    expect(page.get_by_test_id("plan-total")).to_have_text("755,000.00")
    expect(page.locator("tr", has_text="โครงการก่อสร้างถนนคอนกรีต สายที่ 2")).to_be_visible()


def test_it_adds_and_removes_budget_lines_in_the_page(page, log_in, world):
    make_user("staff", world["org"], Role.PLANNING_STAFF)
    log_in("staff")
    page.goto(f"/plans/{world['plan'].pk}/projects/new/")
    page.fill("#id_title", "โครงการจัดซื้อวัสดุ")
    page.select_option("#id_strategy", label="1. การพัฒนาด้านโครงสร้างพื้นฐาน")
    page.select_option("#id_guideline", label="1.1 ก่อสร้างและปรับปรุงถนน")
    page.select_option("#id_program", label="แผนงานเคหะและชุมชน")
    page.select_option("#id_department", label="กองช่าง")
    page.get_by_label("ต.ค. 64").check()
    # The script shows remove buttons in place of the delete boxes.
    expect(page.locator(".line-delete").first).to_be_hidden()
    for n, amount in enumerate(["1,000", "2,000", "3,000"]):
        if n:
            page.get_by_role("button", name="+ เพิ่มรายการงบประมาณ").click()
        page.fill(f"#id_lines-{n}-amount", amount)
        page.select_option(f"#id_lines-{n}-group", label="งบดำเนินงาน")
    assert page.url.endswith("/projects/new/")  # added in the page, not posted
    page.locator(".budget-line").nth(1).get_by_role("button", name="ลบรายการ").click()
    expect(page.locator(".budget-line:visible")).to_have_count(2)
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page.locator(".alert-success")).to_contain_text("บันทึกโครงการใหม่แล้ว")
    expect(page.get_by_test_id("project-total")).to_have_text("4,000.00")
