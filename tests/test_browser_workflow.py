"""The whole path in Chromium with the demo users, on a supplementary plan staff create and
fill in the browser: submit, return with a comment, fix, resubmit, approve, announce; every
actor sees only their own buttons."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import AuditEvent, OperationsPlan, Project, Stage
from projects.thai import thai_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEP_BUTTONS = [
    "เริ่มจัดทำร่าง",
    "เสนอคณะกรรมการพัฒนา",
    "เห็นชอบ",
    "ลงนามประกาศ",
    "ส่งกลับให้แก้ไข (คณะกรรมการ)",
    "ส่งกลับให้แก้ไข (ผู้บริหาร)",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def as_user(browser, live_server):
    contexts = []

    def open_as(username):
        context = browser.new_context(base_url=live_server.url, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "sungmen-demo")
        page.click("button[type=submit]")
        page.wait_for_url("**/plans/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def open_plan(page, plan):
    page.goto(f"/plans/{plan.pk}/")


def step_buttons(page):
    panel = page.locator("#workflow-heading").locator("..")
    return [n for n in STEP_BUTTONS if panel.get_by_role("button", name=n, exact=True).count()]


def create_supplement(staff):
    staff.get_by_role("link", name=re.compile("สร้างแผน")).click()
    staff.fill("#id_fiscal_year", "๒๕๖๕")
    staff.get_by_label("แผนการดำเนินงานเพิ่มเติม").check()
    staff.fill("#id_trigger_date", "2022-03-01")
    staff.get_by_role("button", name="สร้างแผน").click()
    expect(staff.locator(".alert-success")).to_contain_text("เพิ่มเติม ครั้งที่ 1")
    staff.get_by_role("link", name=re.compile("เพิ่มโครงการ")).click()
    staff.fill("#id_title", "โครงการอาหารเสริม (นม) ภาคเรียนที่ 2")
    staff.select_option("#id_strategy", index=4)
    guideline = staff.locator("#id_guideline option:not([hidden])").nth(1).get_attribute("value")
    staff.select_option("#id_guideline", value=guideline)
    staff.select_option("#id_program", label="แผนงานการศึกษา")
    staff.select_option("#id_department", label="กองการศึกษา ศาสนาและวัฒนธรรม")
    staff.get_by_label("พ.ค. 65").check()
    staff.fill("#id_lines-0-amount", "๗๒๐,๐๐๐")
    staff.select_option("#id_lines-0-group", label="งบดำเนินงาน")
    staff.get_by_role("button", name="บันทึก", exact=True).click()
    expect(staff.locator(".alert-success")).to_contain_text("บันทึกโครงการใหม่แล้ว")
    return OperationsPlan.objects.get(supplement_number=1)


def test_it_walks_a_plan_from_collecting_to_announced(demo, as_user):
    staff = as_user("staff")
    plan = create_supplement(staff)
    open_plan(staff, plan)
    staff.get_by_role("button", name="เริ่มจัดทำร่าง").click()
    expect(staff.locator(".alert-success")).to_contain_text("เริ่มจัดทำร่างแล้ว")
    assert step_buttons(staff) == ["เสนอคณะกรรมการพัฒนา"]
    staff.get_by_role("button", name="เสนอคณะกรรมการพัฒนา").click()
    expect(staff.locator(".alert-success")).to_contain_text("เสนอร่างต่อคณะกรรมการพัฒนาแล้ว")
    assert step_buttons(staff) == []

    member = as_user("committee1")
    open_plan(member, plan)
    assert step_buttons(member) == ["เห็นชอบ", "ส่งกลับให้แก้ไข (คณะกรรมการ)"]
    member.fill("#comment-committee_return", "ขอให้ปรับงบโครงการอาหารเสริม (นม) ให้ตรงกับข้อบัญญัติ")
    member.get_by_role("button", name="ส่งกลับให้แก้ไข (คณะกรรมการ)").click()
    expect(member.locator(".alert-success")).to_contain_text("ส่งร่างกลับให้แก้ไขแล้ว")

    # Staff see the comment and fix a project through the real form.
    open_plan(staff, plan)
    expect(staff.get_by_test_id("return-comment")).to_contain_text("ขอให้ปรับงบโครงการอาหารเสริม")
    project = Project.objects.get(plan=plan)
    staff.goto(f"/projects/{project.pk}/edit/")
    staff.fill("#id_lines-0-amount", "๖๕๐,๐๐๐")
    staff.get_by_role("button", name="บันทึก", exact=True).click()
    expect(staff.locator(".alert-success")).to_contain_text("บันทึกการแก้ไขแล้ว")
    open_plan(staff, plan)
    staff.get_by_role("button", name="เสนอคณะกรรมการพัฒนา").click()
    expect(staff.get_by_test_id("stages")).to_contain_text("คณะกรรมการพัฒนาพิจารณา")

    # What changed since the first submission is one click away for the committee.
    open_plan(member, plan)
    member.get_by_role("link", name="สิ่งที่เปลี่ยนแปลงจากการเสนอครั้งก่อน").click()
    expect(member.get_by_test_id("changed")).to_contain_text("650,000.00")

    for username in ("committee1", "committee2"):
        voter = member if username == "committee1" else as_user(username)
        open_plan(voter, plan)
        voter.get_by_role("button", name="เห็นชอบ", exact=True).click()
        expect(voter.locator(".alert-success")).to_contain_text("บันทึกมติเห็นชอบแล้ว")
        assert step_buttons(voter) == []

    executive = as_user("executive")
    open_plan(executive, plan)
    assert step_buttons(executive) == ["ลงนามประกาศ", "ส่งกลับให้แก้ไข (ผู้บริหาร)"]
    open_plan(staff, plan)
    assert step_buttons(staff) == []
    today = timezone.localdate()
    executive.fill("#announced_on", today.isoformat())
    executive.get_by_role("button", name="ลงนามประกาศ").click()
    expect(executive.locator(".alert-success")).to_contain_text("ลงนามประกาศใช้แผนแล้ว")
    expect(executive.locator("#workflow-heading").locator("..")).to_contain_text(
        re.compile("ประกาศเมื่อ\\s*" + re.escape(thai_date(today)))
    )

    plan.refresh_from_db()
    assert plan.stage == Stage.ANNOUNCED
    path = list(
        AuditEvent.objects.filter(plan=plan, kind="transition")
        .order_by("id")
        .values_list("to_stage", flat=True)
    )
    assert path == [
        "drafting",
        "committee_review",
        "drafting",
        "committee_review",
        "proposed",
        "announced",
    ]
