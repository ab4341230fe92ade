"""A citizen reads a plan's progress in Chromium at 390 and 1280 px: the latest closed
round's figures and charts, each project's line, a project page, and downloads the announced
report. axe-core checks every page (WCAG 2.1 A and AA); screenshots are left in
test-artifacts/public-progress/ to look at."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from notices import reports
from projects.models import RoundKind
from tests.progress_support import (
    REPORT_PDF,
    followed_plan,
    issue_report,
    open_round,
    record_after_close,
    record_half_year,
)
from tests.support import fill, plan_url, project_url
from tests.test_browser_public import assert_accessible
from workflow import rounds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "public-progress"
WIDTHS = (390, 1280)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def followed(world, personas):
    """Three recorded projects and twelve more, the half-year round closed and its report
    announced and issued, the full-year round open with records of its own."""
    plan, projects = followed_plan(world)
    fill(world, 12)
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    rounds.round_close(round=half, by=staff)
    rounds.report_submit(round=half, by=staff)
    rounds.report_vote(round=half, by=personas["monitor"], approve=True)
    reports.report_announce(
        round=half,
        by=personas["executive"],
        announced_on=timezone.localdate(),
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
    )
    issue_report(half)
    open_round(plan, staff)
    record_after_close(projects, staff)
    return plan, projects


@pytest.mark.parametrize("width", WIDTHS)
def test_it_shows_progress_and_the_report_to_a_citizen(page, followed, width):
    plan, projects = followed
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(plan_url(plan))
    section = page.locator("#progress")
    assert "รอบ ๖ เดือน" in section.inner_text()
    assert "รอบ ๑๒ เดือน" not in page.content()
    assert_accessible(page)
    section.screenshot(path=str(ARTIFACTS / f"plan-progress-{width}.png"))
    page.locator("#projects").screenshot(path=str(ARTIFACTS / f"plan-projects-{width}.png"))
    page.screenshot(path=str(ARTIFACTS / f"plan-{width}.png"), full_page=True)
    with page.expect_download() as download:
        page.locator("[data-testid=reports] a").first.click(modifiers=["Alt"])
    assert Path(download.value.path()).read_bytes() == REPORT_PDF

    page.goto(project_url(projects["road"]))
    assert "อยู่ระหว่างดำเนินการ" in page.locator("[data-testid=progress]").inner_text()
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"project-{width}.png"), full_page=True)
