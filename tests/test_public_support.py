"""Helpers shared by the citizens' portal tests (tests/test_public_*.py); no tests here.

A plan becomes announced the way workflow/services.py leaves it: stage "announced" and an
Announcement row. Tests set both directly, since they test what citizens see, not the
workflow that got the plan there.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from notices.models import Posting
from projects.models import BudgetLine, OperationsPlan, Project
from projects.public_views import plan_kwargs
from workflow.models import Announcement
from workflow.stages import Stage


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
