"""Planning staff enter a project with two budget lines through the real form in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Role
from tests.support import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_adds_a_project_with_two_lines_and_shows_the_total(page, log_in, world):
    make_user("staff", world["org"], Role.PLANNING_STAFF)
    log_in("staff")
    page.get_by_role("link", name=re.compile("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565")).click()
    page.get_by_role("link", name=re.compile("เพิ่มโครงการ")).click()

    page.fill("#id_title", "โครงการก่อสร้างรางระบายน้ำคอนกรีต หมู่ที่ 2")
    page.select_option("#id_strategy", label="2. การพัฒนาคุณภาพชีวิต")
    # The guideline list offers only the chosen strategy's guidelines.
    options = page.locator("#id_guideline option:not([hidden])")
    expect(options).to_have_text(["---------", "2.1 ส่งเสริมสุขภาพ"])
    page.select_option("#id_strategy", label="1. การพัฒนาด้านโครงสร้างพื้นฐาน")
    page.select_option("#id_guideline", label="1.1 ก่อสร้างและปรับปรุงถนน")
    page.select_option("#id_program", label="แผนงานเคหะและชุมชน")
    page.select_option("#id_department", label="กองช่าง")
    page.get_by_label("หมู่ที่ 2 บ้านดอนมูล").check()
    page.get_by_label("ธ.ค. 64").check()
    page.get_by_label("ม.ค. 65").check()

    page.fill("#id_lines-0-amount", "๑๕๐,๐๐๐")
    page.select_option("#id_lines-0-group", label="งบลงทุน")
    page.get_by_role("button", name="+ เพิ่มรายการงบประมาณ").click()
    page.fill("#id_lines-1-amount", "12,500.50")
    page.select_option("#id_lines-1-group", label="งบดำเนินงาน")
    page.get_by_role("button", name="บันทึก").click()

    expect(page.locator(".alert-success")).to_contain_text("บันทึกโครงการใหม่แล้ว")
    expect(page.get_by_test_id("project-total")).to_have_text("162,500.50")

    page.get_by_role("link", name=re.compile("แผนการดำเนินงาน ประจำปีงบประมาณ")).click()
    row = page.locator("tr", has_text="โครงการก่อสร้างรางระบายน้ำคอนกรีต หมู่ที่ 2")
    expect(row).to_contain_text("162,500.50")
    expect(page.get_by_test_id("plan-total")).to_have_text("162,500.50")
    expect(page.get_by_test_id("plan-count")).to_have_text("1")


def test_it_keeps_the_month_boxes_in_their_row_under_the_month_error(page, log_in, world):
    make_user("staff", world["org"], Role.PLANNING_STAFF)
    log_in("staff")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/plans/{world['plan'].pk}/projects/new/")
    page.fill("#id_title", "โครงการที่ลืมเลือกเดือน")
    page.get_by_role("button", name="บันทึก").click()
    error = page.locator("#id_months_error")
    expect(error).to_contain_text("เลือกอย่างน้อยหนึ่งเดือนที่ดำเนินการ")
    first = page.get_by_label("ต.ค. 64").bounding_box()
    last = page.get_by_label("ก.ย. 65").bounding_box()
    assert abs(last["y"] - first["y"]) < 2  # ก.ย. stays in the row of ต.ค.
    assert error.bounding_box()["y"] > last["y"] + last["height"]  # the message goes below
