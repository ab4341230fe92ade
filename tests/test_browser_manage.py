"""A new organization set up without a superuser, in Chromium: the superuser creates it with
its administrator; the administrator (no superuser) sets password, strategies, villages,
a department, the rule-set preset and people in all six roles; the planning staff set a
password from their link and enter a project. Prints how many pages and minutes it took."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from projects.models import Membership, Organization, Project, Role
from tests.support import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ส้มตำ-ไก่ย่าง-2567"


class Visits:
    """Counts the pages each person loads (main-frame navigations) and the time taken."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url, self.counts, self.contexts = browser, base_url, {}, []

    def open(self, who):
        context = self.browser.new_context(base_url=self.base_url, locale="th-TH")
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        self.counts[who] = 0

        def count(frame):
            if frame == page.main_frame:
                self.counts[who] += 1

        page.on("framenavigated", count)
        return page


@pytest.fixture
def visits(browser, live_server, settings):
    # The links in the invitations must point at this test's server.
    settings.SITE_URL = live_server.url
    tracker = Visits(browser, live_server.url)
    yield tracker
    for context in tracker.contexts:
        context.close()


def last_link_to(address) -> str:
    message = [m for m in mail.outbox if address in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/plans/")


def set_password_from_link(page, address):
    page.goto(last_link_to(address))
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.get_by_role("button", name="บันทึกรหัสผ่าน").click()
    expect(page.locator("h1")).to_have_text("ตั้งรหัสผ่านแล้ว")
    log_in(page, address, PASSWORD)


def save(page):
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_it_sets_up_a_new_organization_without_a_superuser(visits, db):
    started = time.monotonic()
    root = make_user("root")
    root.is_superuser = root.is_staff = True
    root.save()

    # The superuser: one form for the organization and its administrator.
    su = visits.open("superuser")
    log_in(su, "root", "test-password")
    su.get_by_role("link", name="จัดการองค์กร ผู้ใช้ และข้อมูลหลัก").click()
    su.get_by_role("link", name="สร้างองค์กรใหม่").click()
    su.fill("#id_name", "องค์การบริหารส่วนตำบลร่องฟอง")
    su.fill("#id_short_name", "อบต.ร่องฟอง")
    su.select_option("#id_kind", "sao")
    su.fill("#id_district", "เมืองแพร่")
    su.fill("#id_province", "แพร่")
    su.fill("#id_slug", "rongfong")
    su.fill("#id_admin_email", "admin@rongfong.go.th")
    su.fill("#id_admin_first_name", "สมหญิง")
    su.get_by_role("button", name="สร้างองค์กรและเชิญผู้ดูแลระบบ").click()
    expect(su.locator(".alert-success")).to_contain_text("ส่งคำเชิญถึง admin@rongfong.go.th")
    superuser_done = time.monotonic()

    # The administrator, who is not a superuser.
    admin = visits.open("administrator")
    set_password_from_link(admin, "admin@rongfong.go.th")
    assert not get_user_model().objects.get(username="admin@rongfong.go.th").is_superuser
    admin.get_by_role("link", name="จัดการองค์กร ผู้ใช้ และข้อมูลหลัก").click()
    nav = admin.get_by_label("เมนูจัดการองค์กร")

    nav.get_by_role("link", name="แผนพัฒนาท้องถิ่น").click()
    admin.get_by_role("link", name="เพิ่มแผนพัฒนาท้องถิ่น").click()
    admin.fill("#id_title", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)")
    admin.fill("#id_first_year", "2566")
    admin.fill("#id_last_year", "2570")
    save(admin)
    admin.get_by_role("link", name="เพิ่มยุทธศาสตร์").click()
    admin.fill("#id_number", "1")
    admin.fill("#id_name", "การพัฒนาด้านโครงสร้างพื้นฐาน")
    save(admin)
    for number, name in ((1, "ก่อสร้างและปรับปรุงถนน"), (2, "ระบบประปาและแหล่งน้ำ")):
        admin.get_by_role("link", name="เพิ่มแนวทางการพัฒนา").click()
        admin.fill("#id_number", str(number))
        admin.fill("#id_name", name)
        save(admin)
    expect(admin.locator("main")).to_contain_text("1.2 ระบบประปาและแหล่งน้ำ")

    for kind, values in (
        ("หมู่บ้าน", {"#id_number": "1", "#id_name": "บ้านใหม่"}),
        ("หมู่บ้าน", {"#id_number": "2", "#id_name": "บ้านร่องฟอง"}),
        ("หน่วยงาน/กอง", {"#id_name": "กองช่าง", "#id_order": "1"}),
    ):
        nav.get_by_role("link", name=kind, exact=True).click()
        admin.get_by_role("link", name="+ เพิ่ม", exact=True).click()
        for selector, value in values.items():
            admin.fill(selector, value)
        save(admin)
    expect(admin.locator("main")).to_contain_text("กองช่าง")

    nav.get_by_role("link", name="กฎกำหนดเวลา").click()
    admin.select_option("#id_preset", "regulation_2561")
    save(admin)
    expect(admin.locator("main")).to_contain_text("ข้อ ๒๖ (๒)")

    nav.get_by_role("link", name="ผู้ใช้และบทบาท").click()
    people = [
        ("plan@rongfong.go.th", "เจ้าหน้าที่วิเคราะห์นโยบายและแผน"),
        ("committee@rongfong.go.th", "กรรมการพัฒนา"),
        ("mayor@rongfong.go.th", "ผู้บริหาร"),
        ("deputy-admin@rongfong.go.th", "ผู้ดูแลระบบขององค์กร"),
        ("monitoring@rongfong.go.th", "กรรมการติดตามและประเมินผล"),
        ("chang@rongfong.go.th", "เจ้าหน้าที่ของกอง/ส่วน"),
    ]
    for address, role in people:
        admin.fill("#id_email", address)
        admin.get_by_label(role, exact=True).check()
        if role == "เจ้าหน้าที่ของกอง/ส่วน":
            # Without its department the role is refused, and what was typed stays.
            admin.get_by_role("button", name="ส่งคำเชิญ").click()
            expect(admin.locator("main")).to_contain_text("กรุณาเลือกกอง/ส่วนที่เจ้าหน้าที่ผู้นี้สังกัด")
            expect(admin.locator("#id_email")).to_have_value(address)
            admin.select_option("#id_department", label="กองช่าง")
        admin.get_by_role("button", name="ส่งคำเชิญ").click()
        expect(admin.locator(".alert-success")).to_contain_text(address)
    admin_done = time.monotonic()

    # The planning staff: password from the link, a plan, a project.
    staff = visits.open("planning staff")
    set_password_from_link(staff, "plan@rongfong.go.th")
    staff.get_by_role("link", name="สร้างแผน").click()
    staff.fill("#id_fiscal_year", "2567")
    staff.fill("#id_trigger_date", "2023-09-20")
    staff.get_by_role("button", name="สร้างแผน").click()
    staff.get_by_role("link", name=re.compile("เพิ่มโครงการ")).click()
    staff.fill("#id_title", "โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 1")
    staff.select_option("#id_strategy", label="1. การพัฒนาด้านโครงสร้างพื้นฐาน")
    staff.select_option("#id_guideline", label="1.1 ก่อสร้างและปรับปรุงถนน")
    staff.select_option("#id_program", label="แผนงานอุตสาหกรรมและการโยธา")
    staff.select_option("#id_department", label="กองช่าง")
    staff.get_by_label("หมู่ที่ 1 บ้านใหม่").check()
    staff.get_by_label("ม.ค. 67").check()
    staff.fill("#id_lines-0-amount", "250,000")
    staff.select_option("#id_lines-0-group", label="งบลงทุน")
    staff.get_by_role("button", name="บันทึก").click()
    expect(staff.locator(".alert-success")).to_contain_text("บันทึกโครงการใหม่แล้ว")
    finished = time.monotonic()

    org = Organization.objects.get(slug="rongfong")
    roles = set(Membership.objects.filter(organization=org).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Project.objects.get(plan__organization=org).villages.get().name == "บ้านใหม่"
    assert org.rules.posting_keep_days == 30
    pages = visits.counts
    print(
        f"\nset-up pages: superuser {pages['superuser']}, administrator "
        f"{pages['administrator']}, planning staff {pages['planning staff']}; minutes: "
        f"superuser {(superuser_done - started) / 60:.2f}, administrator "
        f"{(admin_done - superuser_done) / 60:.2f}, staff to first project "
        f"{(finished - admin_done) / 60:.2f}, total {(finished - started) / 60:.2f}"
    )
    # The superuser's part is one form, not the fourteen admin forms it used to take.
    assert pages["superuser"] <= 5
    assert pages["administrator"] <= 40
