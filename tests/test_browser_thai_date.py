"""The พ.ศ. calendar beside a date box (static/js/thai_date.js), in Chromium."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "staff-pages"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_picks_a_date_from_a_buddhist_era_calendar(page, log_in, personas):
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in("staff")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/plans/new/")
    box = page.locator("#id_trigger_date")
    box.fill("20/12/2564")
    page.get_by_role("button", name="เลือกวันที่จากปฏิทิน").click()
    calendar = page.get_by_role("dialog", name="เลือกวันที่จากปฏิทิน")
    expect(calendar).to_contain_text("ธันวาคม พ.ศ. 2564")
    page.screenshot(path=SHOTS / "calendar-th-390.png")
    expect(calendar.get_by_role("button", name="20 ธันวาคม พ.ศ. 2564")).to_have_attribute(
        "aria-pressed", "true"
    )
    calendar.get_by_role("button", name="เดือนถัดไป").click()
    expect(calendar).to_contain_text("มกราคม พ.ศ. 2565")
    calendar.get_by_role("button", name="5 มกราคม พ.ศ. 2565", exact=True).click()
    expect(box).to_have_value("05/01/2565")
    expect(calendar).to_be_hidden()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert re.fullmatch(r"\d\d/\d\d/25\d\d", box.input_value())
