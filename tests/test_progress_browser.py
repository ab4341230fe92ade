"""Staff follow an announced plan in the browser: update a project, record a payment and a
photo, then read the plan's table. Both pages fit a 390 px phone; screenshots at 390 and
1280 px go to test-artifacts/progress/ for a person to look at."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from projects import progress
from projects.models import Disbursement, ProgressPhoto, ProgressStatus, Project, ProjectProgress
from tests.support import fill
from tests.test_browser_staff_phone import MEASURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "progress"


def test_staff_record_a_project_and_read_the_plans_table(
    page, log_in, announced, world, personas, tmp_path
):
    project = Project.objects.get(plan=announced)
    others = fill(world, 12, plan=announced)
    staff = personas["staff"]
    with time_machine.travel(date(2022, 4, 5), tick=True):
        progress.progress_update(
            project=others[0],
            by=staff,
            values={"status": ProgressStatus.DONE, "percent_done": Decimal("100")},
            expected_version=None,
        )
        progress.progress_update(
            project=others[2],
            by=staff,
            values={"status": ProgressStatus.CANCELLED, "cancel_reason": "ไม่ได้รับจัดสรรงบ"},
            expected_version=None,
        )
        photo = tmp_path / "board.jpg"
        Image.new("RGB", (800, 600), "seagreen").save(photo, "JPEG")
        log_in("staff")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"/projects/{project.pk}/")
        page.get_by_role("link", name="ดูและบันทึกผลการดำเนินงาน").click()
        page.get_by_text("บันทึกผลการดำเนินงาน", exact=True).first.click()
        page.select_option("#id_status", "in_progress")
        page.fill("#id_percent_done", "๔๐")
        page.select_option("#id_procurement_method", "e_bidding")
        page.fill("#id_contract_amount", "240,000")
        page.fill("#id_contract_on", "15/01/2565")
        page.select_option("#id_actual_start", "2022-01-01")
        page.fill("#id_problems", "ฝนตกต่อเนื่องในเดือนกุมภาพันธ์ ทำให้เทคอนกรีตล่าช้า")
        page.get_by_role("button", name="บันทึก", exact=True).click()
        expect(page.get_by_text("บันทึกผลการดำเนินงานแล้ว")).to_be_visible()
        expect(page.get_by_test_id("status")).to_have_text("อยู่ระหว่างดำเนินการ")

        page.fill("#id_paid_on", "01/03/2565")
        page.fill("#id_amount", "100,000")
        page.fill("#id_note", "งวดที่ 1")
        page.get_by_role("button", name="เพิ่มรายการ").click()
        expect(page.get_by_test_id("payments-total")).to_have_text("100,000.00")

        page.set_input_files("#id_photo", str(photo))
        page.fill("#id_caption", "เทคอนกรีตช่วงที่ 1")
        page.get_by_role("button", name="อัปโหลด").click()
        expect(page.get_by_text("เพิ่มภาพถ่ายแล้ว")).to_be_visible()
        photo_img = page.locator("[data-testid=photos] img")
        expect(photo_img).to_have_count(1)
        # The page is shown before the picture has arrived: wait for it to be decoded.
        photo_img.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => { const i = document.querySelector('[data-testid=photos] img');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        assert photo_img.evaluate("img => img.naturalWidth") == 800

        too_wide = {}
        pages = {"progress": page.url, "plan-progress": f"/plans/{announced.pk}/progress/"}
        for name, url in pages.items():
            for width, height in ((1280, 900), (390, 844)):
                page.set_viewport_size({"width": width, "height": height})
                page.goto(url)
                expect(page.locator("h1")).to_be_visible()
                if name == "progress":
                    page.locator("#update summary").click()
                page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
                if width == 390 and (overflow := page.evaluate(MEASURE)) != [0, 0]:
                    too_wide[name] = overflow
        assert too_wide == {}

        page.check("#behind")
        page.get_by_role("button", name="กรอง").click()
        expect(page.get_by_test_id("row").first).to_be_visible()
        behind = int(page.get_by_test_id("behind-count").inner_text())
        assert page.get_by_test_id("row").count() == behind

    record = ProjectProgress.objects.get(project=project)
    assert (record.status, record.percent_done, record.contract_on) == (
        "in_progress",
        Decimal("40.00"),
        date(2022, 1, 15),
    )
    assert Disbursement.objects.get().amount == Decimal("100000.00")
    assert ProgressPhoto.objects.count() == 1
