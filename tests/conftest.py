"""Fixtures shared by the tests: personas, a small plan world, a browser, an announced plan.

The plain helpers they build on are in tests/support.py.
"""

from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from notices import services as notices
from projects.models import Role, Stage
from tests.processes import processes, real_queue  # noqa: F401 (fixtures)
from tests.support import (
    ANNOUNCED,
    PASSWORD,
    add_project,
    make_department_staff,
    make_user,
    make_world,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs ~0.3 s a user; these tests are about access, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def thai_by_default():
    # A request with the English cookie leaves English active in the thread (LocaleMiddleware
    # activates a language and nothing deactivates it); the next test must start in Thai.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached public pages and drafts must not leak from one test into the next.
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Uploaded evidence photos go to a folder of the test's own, not the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return make_world("sungmen", "องค์การบริหารส่วนตำบลสูงเม่น")


@pytest.fixture
def other_world(db):
    return make_world("donmun", "องค์การบริหารส่วนตำบลดอนมูล")


@pytest.fixture
def personas(world, other_world):
    org = world["org"]
    return {
        "staff": make_user("staff", org, Role.PLANNING_STAFF),
        "member": make_user("member", org, Role.COMMITTEE_MEMBER),
        "executive": make_user("executive", org, Role.EXECUTIVE),
        "orgadmin": make_user("orgadmin", org, Role.ADMINISTRATOR),
        "monitor": make_user("monitor", org, Role.MONITORING_COMMITTEE),
        # Staff of กองช่าง, the department of add_project's projects.
        "department": make_department_staff("department", org, world["departments"][0]),
        "outsider": make_user("outsider", other_world["org"], Role.PLANNING_STAFF),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    def as_(username, password=PASSWORD):
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/plans/")

    return as_


@pytest.fixture
def announced(world, personas, django_capture_on_commit_callbacks):
    """A small plan announced through the real service, its document rendered after commit."""
    add_project(world, title="โครงการดำเนินงานจัดทำแผนชุมชน")
    plan = world["plan"]
    plan.stage = Stage.PROPOSED
    plan.save()
    with (
        time_machine.travel(date(2021, 12, 20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notices.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=ANNOUNCED,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
        )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def line_api(settings):
    """The LINE Messaging API as a stand-in on 127.0.0.1; the world's organization has a
    channel and a group."""
    from tests.line_standin import LineStandIn

    with LineStandIn() as standin:
        settings.LINE_API_BASE_URL = standin.url
        yield standin


@pytest.fixture
def line_group(world):
    org = world["org"]
    org.line_channel_token = "test-channel-token"
    org.line_group_id = "C0123456789abcdef0123456789abcdef"
    org.save()
    return org
