"""The monitoring year end to end in a real browser, each person in their own session: staff
update three projects and take the half-year round through its close and submission, the
monitoring committee approves its report, the executive announces it, and a citizen, not
logged in, sees the progress on the plan's page and downloads the report."""

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from notices.models import ReportDocument
from projects.models import Disbursement, MonitoringRound, Project, RoundStage
from tests.support import PASSWORD, compact, fill, pdftotext_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPDATES = [
    # (status value, % typed, payment typed or None, total shown after it)
    ("done", "100", "250,000", "250,000.00"),
    ("in_progress", "๔๐", "50,000.50", "50,000.50"),
    ("procuring", "0", None, None),
]


@pytest.fixture
def session(browser, live_server):
    contexts = []

    def as_(username=None):
        context = browser.new_context(base_url=live_server.url, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            page.goto("/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/plans/")
        return page

    yield as_
    for context in contexts:
        context.close()


def step(page, key):
    page.locator(f"[data-testid=step-{key}] button[type=submit]").click()


def test_a_round_from_the_staffs_records_to_the_citizens_download(
    session, announced, world, personas, tmp_path
):
    projects = [Project.objects.get(plan=announced), *fill(world, 2, plan=announced)]
    with time_machine.travel(date(2022, 4, 5), tick=True):
        staff = session("staff")
        for project, (status, percent, payment, total) in zip(projects, UPDATES, strict=True):
            staff.goto(f"/projects/{project.pk}/progress/")
            staff.get_by_text("บันทึกผลการดำเนินงาน", exact=True).first.click()
            staff.select_option("#id_status", status)
            staff.fill("#id_percent_done", percent)
            staff.get_by_role("button", name="บันทึก", exact=True).click()
            expect(staff.get_by_text("บันทึกผลการดำเนินงานแล้ว")).to_be_visible()
            if payment:
                staff.fill("#id_paid_on", "01/03/2565")
                staff.fill("#id_amount", payment)
                staff.get_by_role("button", name="เพิ่มรายการ").click()
                expect(staff.get_by_test_id("payments-total")).to_have_text(total)

        staff.goto(f"/plans/{announced.pk}/")
        staff.get_by_test_id("rounds-link").click()
        staff.select_option("[data-testid=open-form] select", "half_year")
        staff.get_by_role("button", name="เปิดรอบการติดตาม").click()
        round = MonitoringRound.objects.get(plan=announced)
        staff.goto(f"/rounds/{round.pk}/")
        step(staff, "round_close")
        expect(staff.get_by_test_id("stages")).to_contain_text("จัดทำรายงานผลการติดตาม")
        step(staff, "report_submit")
        round.refresh_from_db()
        assert round.stage == RoundStage.COMMITTEE_REVIEW

        monitor = session("monitor")
        monitor.goto(f"/rounds/{round.pk}/")
        step(monitor, "report_approve")
        round.refresh_from_db()
        assert round.stage == RoundStage.PROPOSED

        executive = session("executive")
        executive.goto(f"/rounds/{round.pk}/")
        form = executive.get_by_test_id("announce-form")
        executive.fill("#announced_on", "05/04/2565")
        executive.fill("#signer_name", "นายสมมุติ ตัวอย่างดี")
        executive.fill("#signer_title", "นายกองค์การบริหารส่วนตำบลสูงเม่น")
        form.locator("button[type=submit]").click()
        expect(executive.get_by_test_id("announced")).to_be_visible()
        round.refresh_from_db()
        assert round.stage == RoundStage.ANNOUNCED
        assert ReportDocument.objects.get(round=round).status == ReportDocument.Status.READY

        citizen = session()
        citizen.goto("/p/sungmen/2565/")
        progress = citizen.get_by_test_id("progress")
        expect(progress).to_contain_text("รอบ ๖ เดือน")
        expect(citizen.get_by_test_id("progress-disbursed")).to_have_text("300,000.50")
        link = citizen.get_by_test_id("reports").get_by_role("link").first
        expect(link).to_contain_text("รายงานผลการติดตาม")
        response = citizen.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        pdf = response.body()

    assert pdf.startswith(b"%PDF")
    assert pdf == bytes(ReportDocument.objects.get(round=round).content)
    text = compact(" ".join(pdftotext_pages(pdf, tmp_path)))
    assert compact("รายงานผลการติดตามและประเมินผล") in text
    assert Disbursement.objects.count() == 2
