"""Shared personas and a small plan world, built in code so each test says what it needs.

Personas: staff (planning staff), member (development-committee member), executive, orgadmin
(the organization's administrator), outsider (planning staff of another organization), and
nobody (a logged-in user without any role).
"""

import subprocess
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache

from projects.models import (
    BudgetLine,
    Department,
    EquipmentType,
    Guideline,
    OperationsPlan,
    Organization,
    PlanPeriod,
    Program,
    Project,
    Strategy,
    Village,
)
from workflow import services
from workflow.models import Membership, Role
from workflow.stages import Stage

PASSWORD = "test-password"


def make_world(slug: str, name: str):
    org = Organization.objects.create(
        name=name,
        short_name=f"อบต.{slug}",
        kind=Organization.Kind.SAO,
        district="สูงเม่น",
        province="แพร่",
        slug=slug,
    )
    period = PlanPeriod.objects.create(
        organization=org, title="แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565)", first_year=2561, last_year=2565
    )
    s1 = Strategy.objects.create(period=period, number=1, name="การพัฒนาด้านโครงสร้างพื้นฐาน")
    s2 = Strategy.objects.create(period=period, number=2, name="การพัฒนาคุณภาพชีวิต")
    g11 = Guideline.objects.create(strategy=s1, number=1, name="ก่อสร้างและปรับปรุงถนน")
    g21 = Guideline.objects.create(strategy=s2, number=1, name="ส่งเสริมสุขภาพ")
    housing = Program.objects.create(organization=org, code="00240", name="เคหะและชุมชน")
    health = Program.objects.create(organization=org, code="00220", name="สาธารณสุข")
    works = Department.objects.create(organization=org, name="กองช่าง")
    office = Department.objects.create(organization=org, name="สำนักปลัด")
    v1 = Village.objects.create(organization=org, number=1, name="สูงเม่น")
    v2 = Village.objects.create(organization=org, number=2, name="ดอนมูล")
    computers = EquipmentType.objects.create(organization=org, name="ครุภัณฑ์คอมพิวเตอร์")
    plan = OperationsPlan.objects.create(organization=org, period=period, fiscal_year=2565)
    return {
        "org": org,
        "period": period,
        "strategies": (s1, s2),
        "guidelines": (g11, g21),
        "programs": (housing, health),
        "departments": (works, office),
        "villages": (v1, v2),
        "equipment_type": computers,
        "plan": plan,
    }


def add_project(world, title="โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 1", amounts=("250000",), **extra):
    s1, _ = world["strategies"]
    fields = {
        "plan": world["plan"],
        "strategy": s1,
        "guideline": world["guidelines"][0],
        "program": world["programs"][0],
        "department": world["departments"][0],
        "title": title,
        "months": [10, 11, 12],
        **extra,
    }
    project = Project.objects.create(**fields)
    for amount in amounts:
        BudgetLine.objects.create(
            project=project,
            amount=Decimal(amount),
            group=BudgetLine.Group.INVESTMENT,
            category=BudgetLine.Category.LAND_BUILDINGS,
        )
    return project


def compact(text: str) -> str:
    """Text as read back from a PDF, compared after NFKC and without whitespace: ดำ may read
    back as ดํา (NIKHAHIT + SARA AA), and a long title wraps inside its cell."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdftotext_pages(pdf: bytes, tmp_path, *, raw: bool = True) -> list[str]:
    """The text of each page as poppler reads it: in drawing order (``-raw``) or, as a viewer
    copies it, by position on the page (``raw=False``)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs ~0.3 s a user; these tests are about access, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def make_user(username, org=None, *roles):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    for role in roles:
        Membership.objects.create(user=user, organization=org, role=role)
    return user


@pytest.fixture
def personas(world, other_world):
    org = world["org"]
    return {
        "staff": make_user("staff", org, Role.PLANNING_STAFF),
        "member": make_user("member", org, Role.COMMITTEE_MEMBER),
        "executive": make_user("executive", org, Role.EXECUTIVE),
        "orgadmin": make_user("orgadmin", org, Role.ADMINISTRATOR),
        "outsider": make_user("outsider", other_world["org"], Role.PLANNING_STAFF),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


ANNOUNCED = date(2021, 12, 20)


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
        services.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=ANNOUNCED,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
        )
    plan.refresh_from_db()
    return plan


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
