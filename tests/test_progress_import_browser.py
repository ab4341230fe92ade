"""In Chromium: planning staff download the plan's progress file, fill it, upload it, read
the preview (on a phone and on a desk) and confirm; a wrong file shows its errors by cell.
Screenshots go to test-artifacts/progress-import/ for a person to look at."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook
from playwright.sync_api import expect

from projects.models import Disbursement, ProjectProgress, Role
from tests.support import announce, fill, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "progress-import"


def fill_in(data: bytes, rows: dict[int, dict[str, object]]) -> bytes:
    book = load_workbook(BytesIO(data))
    sheet = book.active
    columns = {cell.value: n for n, cell in enumerate(sheet[2], 1)}
    for row, cells in rows.items():
        for heading, value in cells.items():
            sheet.cell(row, columns[heading]).value = value
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)


def upload(page, content: bytes) -> None:
    page.set_input_files(
        "#id_file", files=[{"name": "ผลการดำเนินงาน.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.get_by_role("button", name="อัปโหลดและดูตัวอย่าง").click()


def test_it_downloads_fills_previews_and_confirms(page, log_in, world):
    make_user("staff", world["org"], Role.PLANNING_STAFF)
    fill(world, 6)
    plan = announce(world["plan"])
    log_in("staff")
    page.goto(f"/plans/{plan.pk}/progress/import/")
    with page.expect_download() as download:
        page.get_by_test_id("progress-template").click()
    assert download.value.suggested_filename == f"plan-sungmen-{plan.fiscal_year}-progress.xlsx"
    downloaded = Path(download.value.path()).read_bytes()
    content = fill_in(
        downloaded,
        {
            3: {
                "สถานะ": "แล้วเสร็จ",
                "ความก้าวหน้า (ร้อยละ)": 100,
                "วิธีจัดซื้อจัดจ้าง": "วิธีเฉพาะเจาะจง",
                "วงเงินตามสัญญา/ใบสั่ง (บาท)": "๑,๙๕๐",
                "วันที่ลงนามสัญญา/ใบสั่ง": "๑๕/๑๑/๒๕๖๔",
                "เดือนที่เริ่มดำเนินการจริง": "พ.ย. 2564",
                "เดือนที่แล้วเสร็จจริง": "ธ.ค. 2564",
                "วันที่เบิกจ่าย (รายการใหม่)": "20/12/2564",
                "จำนวนเงินเบิกจ่าย (รายการใหม่)": 1950,
            },
            4: {
                "สถานะ": "อยู่ระหว่างดำเนินการ",
                "ความก้าวหน้า (ร้อยละ)": 45.5,
                "ปัญหาและอุปสรรค": "ฝนตกชุกในเดือนพฤศจิกายน ผู้รับจ้างเข้าพื้นที่ไม่ได้",
            },
            5: {"สถานะ": "ยกเลิก", "เหตุผลที่ยกเลิก": "กรมทางหลวงชนบทดำเนินการแทน"},
        },
    )
    upload(page, content)
    expect(page.get_by_test_id("count-change")).to_have_text("3")
    expect(page.get_by_test_id("count-payments")).to_have_text("1")
    expect(page.get_by_test_id("count-unchanged")).to_have_text("3")
    expect(page.get_by_test_id("payment")).to_contain_text("20 ธันวาคม พ.ศ. 2564 1,950.00 บาท")
    shoot(page, "preview")
    assert not ProjectProgress.objects.exists()

    page.get_by_role("button", name="ยืนยันนำเข้า 3 โครงการ").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "บันทึกผลการดำเนินงาน 3 โครงการ เพิ่มรายการเบิกจ่าย 1 รายการ"
    )
    assert ProjectProgress.objects.filter(status="done", percent_done=100).count() == 1
    assert Disbursement.objects.get().amount == Decimal("1950.00")

    wrong = fill_in(
        downloaded,
        {
            3: {"สถานะ": "เสร็จแล้ว"},
            4: {"สถานะ": "แล้วเสร็จ", "ความก้าวหน้า (ร้อยละ)": 80},
            5: {"สถานะ": "ยกเลิก"},
            6: {"วันที่เบิกจ่าย (รายการใหม่)": "31/4/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 0},
        },
    )
    page.goto(f"/plans/{plan.pk}/progress/import/")
    upload(page, wrong)
    expect(page.get_by_test_id("count-error")).to_have_text("4")
    expect(page.get_by_text("ยังนำเข้าไม่ได้")).to_be_visible()
    expect(page.get_by_role("button", name="ยืนยันนำเข้า")).to_have_count(0)
    shoot(page, "errors")
