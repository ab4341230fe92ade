"""Staff download the announced PDF and record a posting with its photo, in Chromium."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from notices.models import PlanDocument, Posting
from projects.models import OperationsPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_downloads_the_issued_pdf_and_records_a_posting(page, log_in, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    plan = OperationsPlan.objects.get(fiscal_year=2564)
    stored = bytes(PlanDocument.objects.get(plan=plan).content)
    log_in("staff", "sungmen-demo")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="เอกสารที่ประกาศและการปิดประกาศ").click()
    expect(page.get_by_test_id("sha256")).to_have_text(hashlib.sha256(stored).hexdigest())
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดแผนที่ประกาศ (PDF)").click()
    assert Path(download.value.path()).read_bytes() == stored

    # Record a posting at a place not yet on the list, with a photo of the board.
    photo = tmp_path / "board.jpg"
    Image.new("RGB", (64, 48), "green").save(photo, "JPEG")
    page.select_option("#id_place", label="สถานที่อื่น")
    page.fill("#id_place_detail", "ศาลาอเนกประสงค์ หมู่ที่ 4")
    page.fill("#id_posted_on", "2020-12-21")
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("บันทึกการปิดประกาศแล้ว")
    row = page.get_by_test_id("postings").locator("tr", has_text="ศาลาอเนกประสงค์ หมู่ที่ 4")
    expect(row).to_contain_text("21 ธ.ค. 63")
    expect(row).to_contain_text("ปิดประกาศครบกำหนดแล้ว")
    posting = Posting.objects.get(place_detail="ศาลาอเนกประสงค์ หมู่ที่ 4")
    assert posting.photo.name.endswith(".jpg")

    # A date before the announcement is refused in Thai and the form keeps what was typed.
    page.select_option("#id_place", label="สถานที่อื่น")
    page.fill("#id_place_detail", "ตลาดนัดชุมชน")
    page.fill("#id_posted_on", "2020-12-01")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("form[enctype]")).to_contain_text("วันที่ปิดประกาศต้องไม่ก่อนวันที่ประกาศ")
    expect(page.locator("#id_place_detail")).to_have_value("ตลาดนัดชุมชน")
    assert not Posting.objects.filter(place_detail="ตลาดนัดชุมชน").exists()
    assert re.search(r"/plans/\d+/notice/postings/$", page.url)
