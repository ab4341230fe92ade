"""Every staff page fits a 390 px phone (issue 16 item 3), as the portal's pages do: nothing
wider than the screen, and no table cut off inside a scrolling box. Screenshots at 390 px
and 1366 px go to test-artifacts/ for a person to look at."""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from projects.models import Stage
from tests.support import add_project, fill
from workflow import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "staff-pages"
# Overflowing width, in px, of the page and of the widest scrolling box on it.
MEASURE = """() => {
  const page = document.documentElement.scrollWidth - window.innerWidth;
  const boxes = [...document.querySelectorAll('.table-responsive, table')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => el.scrollWidth - el.clientWidth);
  return [page, Math.max(0, ...boxes)];
}"""


@pytest.fixture
def plan_world(world, personas):
    """A plan with projects, submitted twice, announced, with an office posting."""
    plan = world["plan"]
    add_project(world, title="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านสูงเม่น–บ้านดอนมูล หมู่ที่ 2")
    fill(world, 20)
    plan.stage = Stage.DRAFTING
    plan.save(update_fields=["stage"])
    services.plan_submit(plan=plan, by=personas["staff"], comment="เสนอครั้งแรก")
    services.plan_vote(plan=plan, by=personas["member"], approve=False, comment="ปรับงบ")
    services.plan_submit(plan=plan, by=personas["staff"], comment="แก้ตามมติแล้ว")
    return plan


def _pages(plan, project):
    return {
        "plan-list": "/plans/",
        "plan-create": "/plans/new/",
        "plan": f"/plans/{plan.pk}/",
        "project": f"/projects/{project.pk}/",
        "project-form": f"/projects/{project.pk}/edit/",
        "history": f"/plans/{plan.pk}/history/",
        "changes": f"/plans/{plan.pk}/changes/",
        "waiting": "/waiting/",
        "notice": f"/plans/{plan.pk}/notice/",
        "dashboard": "/notices/",
    }


@pytest.mark.parametrize("language", ["th", "en"])
def test_it_fits_every_staff_page_on_a_390_px_phone(
    page, log_in, live_server, plan_world, personas, language
):
    project = plan_world.projects.first()
    log_in("staff")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url + "/"}]
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    with time_machine.travel(date(2021, 12, 22), tick=True):
        for name, url in _pages(plan_world, project).items():
            if name == "notice":
                _announce(plan_world, personas)
            for width, height in ((1366, 900), (390, 844)):
                page.set_viewport_size({"width": width, "height": height})
                page.goto(url)
                expect(page.locator("html")).to_have_attribute("lang", language)
                expect(page.locator("h1").first).to_be_visible()
                page.screenshot(path=SHOTS / f"{name}-{language}-{width}.png", full_page=True)
                if width == 390 and (overflow := page.evaluate(MEASURE)) != [0, 0]:
                    too_wide[name] = overflow
    assert too_wide == {}


def _announce(plan, personas):
    if plan.stage == Stage.ANNOUNCED:
        return
    from notices import services as notices

    plan.refresh_from_db()
    plan.stage = Stage.PROPOSED
    plan.save(update_fields=["stage"])
    notices.plan_announce(
        plan=plan,
        by=personas["executive"],
        announced_on=date(2021, 12, 20),
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
    )
    notices.posting_record(
        plan=plan, by=personas["staff"], place="office", posted_on=date(2021, 12, 21)
    )
