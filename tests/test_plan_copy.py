"""Starting a plan from another: last year's plan or an earlier supplement, all projects or
chosen ones, strategies and guidelines matched by number, what cannot be matched listed."""

from decimal import Decimal

from django.urls import reverse

from projects.models import (
    AuditEvent,
    Guideline,
    OperationsPlan,
    PlanPeriod,
    Project,
    Stage,
    Strategy,
)
from tests.support import add_plan, add_project, fill


def copy_url(plan, source=None):
    url = reverse("projects:plan_copy", args=[plan.pk])
    return f"{url}?source={source.pk}" if source else url


def test_it_copies_all_of_last_years_projects_with_their_classification(login, personas, world):
    last_year = add_plan(world, 2564)
    sources = fill(world, 6, plan=last_year)
    target = world["plan"]
    client = login(personas["staff"])
    page = client.get(copy_url(target))
    assert page.context["source"] == last_year
    assert len(page.context["candidates"]) == 6

    response = client.post(
        copy_url(target), {"source": last_year.pk, "projects": [p.pk for p in sources]}
    )
    assert response.status_code == 302
    copies = {p.title: p for p in target.projects.prefetch_related("villages", "budget_lines")}
    assert len(copies) == 6
    for original in Project.objects.filter(plan=last_year).prefetch_related(
        "villages", "budget_lines"
    ):
        copy = copies[original.title]
        assert copy.pk != original.pk
        assert (copy.strategy_id, copy.guideline_id, copy.program_id) == (
            original.strategy_id,
            original.guideline_id,
            original.program_id,
        )
        assert (copy.months, copy.ownership, copy.agency) == (
            original.months,
            original.ownership,
            original.agency,
        )
        assert {v.pk for v in copy.villages.all()} == {v.pk for v in original.villages.all()}
        assert [ln.amount for ln in copy.budget_lines.all()] == [Decimal("1000.50")] * 2
    event = AuditEvent.objects.get(plan=target, kind=AuditEvent.Kind.PROJECTS_COPIED)
    assert event.changes["created"] == ["", "6"]
    assert Project.objects.filter(plan=last_year).count() == 6  # the source is untouched


def test_it_copies_only_the_chosen_projects_of_an_earlier_supplement(login, personas, world):
    target = add_plan(world, 2565, supplement=2)
    earlier = add_plan(world, 2565, supplement=1)
    keep = add_project(world, title="เลือก", plan=earlier)
    add_project(world, title="ไม่เลือก", plan=earlier)
    client = login(personas["staff"])
    client.post(copy_url(target), {"source": earlier.pk, "projects": [keep.pk]})
    assert list(target.projects.values_list("title", flat=True)) == ["เลือก"]


def test_it_matches_by_number_in_a_new_development_plan_and_lists_what_it_cannot(
    login, personas, world
):
    old = add_project(world, title="ถนนสายเก่า")
    add_project(
        world,
        title="ส่งเสริมสุขภาพผู้สูงอายุ",
        strategy=world["strategies"][1],
        guideline=world["guidelines"][1],
    )
    period = PlanPeriod.objects.create(
        organization=world["org"],
        title="แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)",
        first_year=2566,
        last_year=2570,
    )
    new_strategy = Strategy.objects.create(period=period, number=1, name="โครงสร้างพื้นฐาน")
    new_guideline = Guideline.objects.create(strategy=new_strategy, number=1, name="ถนน")
    target = OperationsPlan.objects.create(
        organization=world["org"], period=period, fiscal_year=2566
    )
    client = login(personas["staff"])
    page = client.get(copy_url(target, world["plan"])).content.decode()
    assert "ไม่มียุทธศาสตร์ที่ 2 ในแผนพัฒนาท้องถิ่นของแผนนี้" in page

    ids = list(world["plan"].projects.values_list("pk", flat=True))
    response = client.post(
        copy_url(target), {"source": world["plan"].pk, "projects": ids}, follow=True
    )
    assert "คัดลอกไม่ได้ (จับคู่ยุทธศาสตร์ไม่ได้): ส่งเสริมสุขภาพผู้สูงอายุ" in response.content.decode()
    copy = target.projects.get()
    assert copy.title == old.title
    assert (copy.strategy, copy.guideline) == (new_strategy, new_guideline)


def test_it_offers_neither_later_plans_nor_another_organizations(
    login, personas, world, other_world
):
    later = add_plan(world, 2566)
    add_project(world, title="ของปีหน้า", plan=later)
    foreign = add_project(other_world, title="ของอีกองค์กร")
    client = login(personas["staff"])
    page = client.get(copy_url(world["plan"]))
    assert page.context["sources"] == []
    client.post(
        copy_url(world["plan"]), {"source": other_world["plan"].pk, "projects": [foreign.pk]}
    )
    client.post(copy_url(world["plan"]), {"source": later.pk, "projects": [later.pk]})
    assert world["plan"].projects.count() == 0


def test_it_refuses_to_copy_into_a_plan_past_drafting(login, personas, world):
    last_year = add_plan(world, 2564)
    project = add_project(world, plan=last_year)
    plan = world["plan"]
    plan.stage = Stage.COMMITTEE_REVIEW
    plan.save()
    response = login(personas["staff"]).post(
        copy_url(plan), {"source": last_year.pk, "projects": [project.pk]}
    )
    assert response.status_code == 302
    assert plan.projects.count() == 0


def test_it_asks_to_choose_at_least_one_project(login, personas, world):
    last_year = add_plan(world, 2564)
    add_project(world, plan=last_year)
    response = login(personas["staff"]).post(copy_url(world["plan"]), {"source": last_year.pk})
    assert "กรุณาเลือกอย่างน้อยหนึ่งโครงการ" in response.content.decode()
    assert world["plan"].projects.count() == 0
