"""A citizen's path through the public portal in Chromium, with axe-core on every page.

home → province → organization → plan → filter by village → search a Thai word → project →
download the issued PDF (its SHA-256 equal to the one shown) and the CSV; the search across
plans. axe-core (npm, node_modules/axe-core)
checks each page against WCAG 2.1 A and AA and must report no violation.
"""

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from notices import services as notices
from notices.models import PlanDocument
from tests.support import add_project, announce, fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def axe_violations(page) -> list[str]:
    # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline
    # scripts, and the test must not weaken it.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        AXE_TAGS,
    )
    return violations


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


@pytest.fixture
def plan(world):
    _v1, v2 = world["villages"]
    _s1, s2 = world["strategies"]
    road = add_project(
        world,
        title="โครงการก่อสร้างถนนลูกรังเสริมผิวคอนกรีต หมู่ที่ 2",
        details="กว้าง 4 เมตร ยาว 200 เมตร",
        amounts=("350000",),
    )
    road.villages.set([v2])
    add_project(world, title="โครงการขุดลอกลำเหมืองสาธารณะ", amounts=("90000",)).villages.set([v2])
    add_project(
        world,
        title="โครงการรณรงค์ป้องกันโรคไข้เลือดออก",
        strategy=s2,
        guideline=world["guidelines"][1],
        program=world["programs"][1],
        department=world["departments"][1],
        amounts=("20000",),
    ).villages.set(world["villages"])
    fill(world, 12)
    plan = announce(world["plan"])
    # The issued document, rendered as the announcement's after-commit step renders it.
    PlanDocument.objects.create(plan=plan)
    notices.document_render(plan_id=plan.pk)
    notices.posting_record(
        plan=plan, by=plan.announcement.by, place="office", posted_on=date(2021, 12, 16)
    )
    return plan


def test_it_walks_a_citizen_from_home_to_a_project_and_its_downloads(page, world, plan):
    world["org"].is_demo = True  # the demo-data banner is on every page, and checked too
    world["org"].save()
    page.goto("/")
    expect(page.get_by_role("note")).to_contain_text("ข้อมูลสาธิต")
    expect(page.get_by_role("heading", level=1)).to_have_text("แผนการดำเนินงานที่ประกาศใช้แล้ว")
    assert_accessible(page)

    page.get_by_role("link", name="แพร่", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("จังหวัดแพร่")
    assert_accessible(page)
    page.get_by_role("link", name="องค์การบริหารส่วนตำบลสูงเม่น").click()
    expect(page).to_have_url(re.compile(r"/p/sungmen/$"))
    assert_accessible(page)

    page.get_by_role("link", name="แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565").click()
    expect(page).to_have_url(re.compile(r"/p/sungmen/2565/$"))
    expect(page.get_by_test_id("announcement")).to_contain_text("15 ธันวาคม พ.ศ. 2564")
    expect(page.get_by_test_id("plan-count")).to_have_text("15")
    expect(page.get_by_role("img", name="งบประมาณตามยุทธศาสตร์")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("กรองตามหมู่บ้าน").click()
    page.get_by_label("หมู่บ้าน", exact=True).select_option(label="หมู่ที่ 2 บ้านดอนมูล")
    page.get_by_role("button", name="กรอง").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("พบ 9 โครงการ")
    assert_accessible(page)

    page.get_by_role("link", name="ล้างการค้นหา").click()
    page.get_by_role("searchbox", name="ค้นหาคำในชื่อหรือรายละเอียดโครงการ").fill("ถนนคอนกรีต")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    expect(page.get_by_test_id("result-count")).to_contain_text("พบ 13 โครงการ")
    page.get_by_role("searchbox").fill("ลูกรังคอนกรีต")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    expect(page.get_by_test_id("result-count")).to_contain_text("พบ 1 โครงการ")
    assert_accessible(page)

    page.get_by_role("link", name="โครงการก่อสร้างถนนลูกรังเสริมผิวคอนกรีต หมู่ที่ 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "โครงการก่อสร้างถนนลูกรังเสริมผิวคอนกรีต หมู่ที่ 2"
    )
    expect(page.get_by_test_id("project-total")).to_have_text("350,000.00")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^แผนการดำเนินงาน ประจำปี")).first.click()
    expect(page.get_by_test_id("posting")).to_contain_text("16 ธันวาคม พ.ศ. 2564")
    shown_hash = page.locator("[data-testid=pdf] code").inner_text()
    with page.expect_download() as download_info:
        # Chromium would show an inline PDF in its viewer; ask for the file itself.
        page.evaluate(
            "() => { const a = document.querySelector('[data-testid=pdf] a');"
            " a.setAttribute('download', ''); a.click(); }"
        )
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == shown_hash
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^CSV")).click()
    download = download_info.value
    assert download.suggested_filename == "plan-sungmen-2565.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 15


def test_it_lets_a_keyboard_user_skip_to_the_content(page, plan):
    page.goto("/p/sungmen/2565/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="ข้ามไปยังเนื้อหา")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_it_fits_a_plan_of_300_projects_on_a_small_phone(page, world):
    fill(world, 300)
    plan = announce(world["plan"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/p/sungmen/{plan.fiscal_year}/")
    expect(page.get_by_test_id("plan-count")).to_have_text("300")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert_accessible(page)


def test_it_shows_a_404_page_that_passes_axe(page, world):
    response = page.goto("/p/sungmen/2565/")  # the plan exists but is not announced
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ไม่พบหน้าที่ต้องการ")
    assert_accessible(page)


def test_it_searches_across_plans_with_a_clear_message_for_bad_input(page, plan):
    page.goto("/search/")
    assert_accessible(page)
    page.get_by_label("คำค้น").fill("ลูกรัง")
    page.get_by_label("จังหวัด", exact=True).fill("แพร่")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_role("link", name="โครงการก่อสร้างถนนลูกรังเสริมผิวคอนกรีต หมู่ที่ 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("งบประมาณตั้งแต่ (บาท)").fill("๕๐๐,๐๐๐")
    page.get_by_label("งบประมาณไม่เกิน (บาท)").fill("100")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_text("งบประมาณสูงสุดต้องไม่น้อยกว่างบประมาณต่ำสุด")).to_be_visible()
    expect(page.get_by_label("คำค้น")).to_have_value("ลูกรัง")  # what was typed stays
    assert_accessible(page)
