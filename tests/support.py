"""Helpers the tests share: a small plan world built in code, personas' accounts, a valid
project form, announced plans for the citizens' pages, and the query budgets of those pages.
Fixtures are in conftest.py; this module holds plain functions and constants only.

Personas (see conftest.personas): staff (planning staff), member (development-committee
member), executive, orgadmin (the organization's administrator), outsider (planning staff of
another organization), and nobody (a logged-in user without any role).
"""

import subprocess
import unicodedata
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from notices.models import Posting
from notices.portal.views import plan_kwargs
from projects.models import (
    BudgetLine,
    Department,
    EquipmentType,
    Guideline,
    Membership,
    OperationsPlan,
    Organization,
    PlanPeriod,
    Program,
    Project,
    Role,
    Stage,
    Strategy,
    Village,
)
from projects.public_state import organization_changed
from workflow.models import Announcement

# The day the posting tests' plan is announced (conftest.announced).
ANNOUNCED = date(2021, 12, 20)
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
    v1 = Village.objects.create(organization=org, number=1, name="บ้านสูงเม่น")
    v2 = Village.objects.create(organization=org, number=2, name="บ้านดอนมูล")
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


def make_user(username, org=None, *roles):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    for role in roles:
        Membership.objects.create(user=user, organization=org, role=role)
    return user


def make_department_staff(username, org, department):
    """A department's staff member: records the progress of that department's projects."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(
        user=user, organization=org, role=Role.DEPARTMENT_STAFF, department=department
    )
    return user


def valid_post(world, **overrides):
    s1 = world["strategies"][0]
    data = {
        "title": "โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 2",
        "details": "ขนาดกว้าง 0.30 เมตร ยาว 120 เมตร",
        "output_target": "รางระบายน้ำ 1 สาย",
        "strategy": s1.pk,
        "guideline": world["guidelines"][0].pk,
        "program": world["programs"][0].pk,
        "form": "pd02",
        "equipment_type": "",
        "ownership": "own",
        "department": world["departments"][0].pk,
        "agency": "",
        "location": "บ้านดอนมูล",
        "villages": [world["villages"][1].pk],
        "months": ["1", "10", "11"],
        "plan_reference": "หน้า 45",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-amount": "150,000",
        "lines-0-group": "investment",
        "lines-0-category": "land_buildings",
        "lines-0-source": "annual",
        "lines-0-note": "",
        "lines-1-amount": "๑๒,๕๐๐.๕๐",
        "lines-1-group": "operating",
        "lines-1-category": "services",
        "lines-1-source": "accumulated",
        "lines-1-note": "ค่าป้ายโครงการ",
    }
    data.update(overrides)
    return data


# Citizens' pages. A plan becomes announced the way workflow/services.py leaves it: stage
# "announced" and an Announcement row. These helpers set both directly, since the tests using
# them are about what citizens see, not the workflow that got the plan there.


def announce(plan: OperationsPlan, on: date = date(2021, 12, 15)) -> OperationsPlan:
    by, _created = get_user_model().objects.get_or_create(username="announcer")
    plan.stage = Stage.ANNOUNCED
    plan.save()
    Announcement.objects.create(
        plan=plan,
        announced_on=on,
        signer_name="นายสมชาย ใจดี",
        signer_title="นายกองค์การบริหารส่วนตำบล",
        by=by,
    )
    organization_changed(plan.organization.slug)  # as notices.services.plan_announce does
    return plan


def post(
    plan: OperationsPlan,
    on: date,
    place: str = Posting.Place.OFFICE,
    taken_down_on: date | None = None,
    village=None,
) -> Posting:
    """A notice posted (and perhaps taken down) as notices/services.py records it."""
    return Posting.objects.create(
        plan=plan,
        place=place,
        village=village,
        posted_on=on,
        taken_down_on=taken_down_on,
        recorded_by=plan.announcement.by,
    )


def add_plan(world, fiscal_year: int, supplement: int = 0) -> OperationsPlan:
    return OperationsPlan.objects.create(
        organization=world["org"],
        period=world["period"],
        fiscal_year=fiscal_year,
        supplement_number=supplement,
        trigger_date=date(2022, 1, 10) if supplement else None,
    )


def fill(world, count: int, plan: OperationsPlan | None = None) -> list[Project]:
    """``count`` projects spread over both strategies, programs, villages and ownerships."""
    plan = plan or world["plan"]
    s1, s2 = world["strategies"]
    g11, g21 = world["guidelines"]
    housing, health = world["programs"]
    works, office = world["departments"]
    v1, v2 = world["villages"]
    projects = Project.objects.bulk_create(
        Project(
            plan=plan,
            strategy=s1 if i % 2 == 0 else s2,
            guideline=g11 if i % 2 == 0 else g21,
            program=housing if i % 3 else health,
            department=works if i % 2 == 0 else office,
            form="pd02_1" if i % 7 == 6 else "pd02",
            equipment_type=world["equipment_type"] if i % 7 == 6 else None,
            ownership="other_agency" if i % 5 == 4 else "own",
            agency="กรมทางหลวงชนบท" if i % 5 == 4 else "",
            title=f"โครงการก่อสร้างถนนคอนกรีต สายที่ {i}",
            details="ขนาดกว้าง 4 เมตร ยาว 200 เมตร",
            location="บ้านสูงเม่น",
            months=[10, 11, 12] if i % 2 == 0 else [1, 2, 3],
        )
        for i in range(count)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(project=p, amount=Decimal("1000.50"), group=BudgetLine.Group.INVESTMENT)
        for p in projects
        for _ in range(2)
    )
    through = Project.villages.through
    through.objects.bulk_create(
        through(project_id=p.pk, village_id=v.pk)
        for n, p in enumerate(projects)
        for v in ((v1,) if n % 2 else (v1, v2))
    )
    return projects


def plan_url(plan: OperationsPlan) -> str:
    return reverse("public:plan", kwargs=plan_kwargs(plan))


def project_url(project: Project) -> str:
    return reverse("public:project", kwargs={**plan_kwargs(project.plan), "project_id": project.pk})


def download_url(plan: OperationsPlan, fmt: str) -> str:
    return reverse("public:download", kwargs={**plan_kwargs(plan), "fmt": fmt})


def organization_url(org) -> str:
    return reverse("public:organization", kwargs={"org_slug": org.slug})


# Query budgets of the citizens' pages (tests/test_public_queries.py, test_public_cache.py).
# None scans the country: each reads one organization's plans, or one province's rows.
# the plan (with its organization, its rules and its other plans), its PDF document,
# projects, their villages, the postings, demo-data banner
PLAN_PAGE = 6
# the same, and the ids of the projects that match the filters
FILTERED_PLAN_PAGE = 7
# nothing: a page asked at its bare address again within MAX_AGE (cache.front_key)
FRONT = 0
# the plan and its document: the page itself comes from the cache (with a query string)
CACHED_PLAN_PAGE = 2
# the plan: a project page or download comes from the cache
CACHED = 1
# nothing: the organizations' version is in the cache
CACHED_HOME = 0
# the demo banner (the provinces are a constant)
HOME = 1
# a province's organizations, demo banner
PROVINCE = 2
# the organization, its announced plans, their counts and totals, postings, demo banner
ORGANIZATION_PAGE = 6
# the organization and its announced plans
CACHED_ORGANIZATION_PAGE = 2
# the plan, the project, its villages, its budget lines, demo-data banner
PROJECT_PAGE = 5
# the plan, projects, villages (and budget lines for XLSX and JSON)
DOWNLOAD = {"csv": 3, "xlsx": 4, "json": 4}
# a page of matching projects with their plans and organizations, their totals, demo banner
SEARCH_PAGE = 3


def xlsx(rows: list[list], *, merged: tuple[str, ...] = (), sheets: dict | None = None) -> bytes:
    """A workbook as an office makes it: the rows of its first sheet (headings included),
    merged ranges such as "A1:A2", and any further sheets by name."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "โครงการ"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for name, more in (sheets or {}).items():
        extra = book.create_sheet(name)
        for row in more:
            extra.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
