from decimal import Decimal

import pytest
from django.urls import reverse

from tests.support import add_project, make_world


def plan_url(world):
    return reverse("workflow:plan_detail", args=[world["plan"].pk])


def test_it_lists_only_plans_of_the_users_organizations(login, personas, world, other_world):
    add_project(world, amounts=("100", "23.50"))
    add_project(world, title="โครงการที่สอง", amounts=("1000",))
    response = login(personas["staff"]).get(reverse("projects:plan_list"))
    assert response.status_code == 200
    plans = list(response.context["plans"])
    assert plans == [world["plan"]]
    assert plans[0].project_count == 2
    assert plans[0].total == Decimal("1123.50")


def test_it_groups_by_strategy_then_program_with_totals(login, personas, world):
    _s1, s2 = world["strategies"]
    _g11, g21 = world["guidelines"]
    _housing, health = world["programs"]
    add_project(world, title="ถนน ก", amounts=("100000", "50000"))
    add_project(world, title="ถนน ข", amounts=("25000.25",))
    add_project(
        world,
        title="รณรงค์ไข้เลือดออก",
        strategy=s2,
        guideline=g21,
        program=health,
        amounts=("12000",),
    )
    add_project(
        world,
        title="คอมพิวเตอร์ 2 เครื่อง",
        form="pd02_1",
        equipment_type=world["equipment_type"],
        amounts=("44000",),
    )
    response = login(personas["member"]).get(plan_url(world))
    assert response.status_code == 200
    tables = response.context["tables"]
    assert [g.label for g in tables.projects] == [
        "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน",
        "ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต",
    ]
    assert [g.total for g in tables.projects] == [Decimal("175000.25"), Decimal("12000")]
    assert [c.label for c in tables.projects[0].children] == ["แผนงานเคหะและชุมชน"]
    assert [g.label for g in tables.equipment] == ["ครุภัณฑ์คอมพิวเตอร์"]
    assert tables.total == Decimal("231000.25")
    assert response.context["plan_total"] == Decimal("231000.25")
    html = response.content.decode()
    assert "175,000.25" in html
    assert "231,000.25" in html


@pytest.mark.parametrize("count", [10, 100])
def test_it_shows_the_plan_page_in_a_constant_number_of_queries(
    count, login, personas, world, django_assert_num_queries
):
    for i in range(count):
        add_project(
            world,
            title=f"โครงการ {i}",
            amounts=("1000", "2000"),
            form="pd02_1" if i % 5 == 0 else "pd02",
            equipment_type=world["equipment_type"] if i % 5 == 0 else None,
        ).villages.set(world["villages"])
    client = login(personas["staff"])
    # session, user, plan, projects, their villages, plan total, plan count, roles, rule
    # set, latest submission, deadline extensions, demo banner, and the four filter
    # drop-downs (strategy, program, department, village)
    with django_assert_num_queries(16):
        response = client.get(plan_url(world))
    assert response.context["tables"].count == count


def test_it_filters_by_text_strategy_village_and_ownership(login, personas, world):
    _s1, s2 = world["strategies"]
    v1, v2 = world["villages"]
    road = add_project(world, title="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    road.villages.set([v1])
    add_project(
        world,
        title="โครงการรณรงค์ป้องกันไข้เลือดออก",
        strategy=s2,
        guideline=world["guidelines"][1],
    ).villages.set([v2])
    add_project(
        world,
        title="โครงการขุดลอกลำเหมือง",
        ownership="other_agency",
        agency="กรมชลประทาน",
        department=None,
    )
    client = login(personas["staff"])

    def titles(**params):
        response = client.get(plan_url(world), params)
        return sorted(p.title for g in response.context["tables"].projects for p in g.projects)

    assert titles(q="ถนน") == ["โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก"]
    assert titles(q="ไข้เลือด") == ["โครงการรณรงค์ป้องกันไข้เลือดออก"]
    assert titles(q="ชลประทาน") == ["โครงการขุดลอกลำเหมือง"]
    assert titles(strategy=s2.pk) == ["โครงการรณรงค์ป้องกันไข้เลือดออก"]
    assert titles(village=v1.pk) == ["โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก"]
    assert titles(ownership="other_agency") == ["โครงการขุดลอกลำเหมือง"]
    assert len(titles()) == 3


def test_it_ignores_a_filter_naming_another_organizations_strategy(
    login, personas, world, other_world
):
    add_project(world)
    foreign = other_world["strategies"][0]
    response = login(personas["staff"]).get(plan_url(world), {"strategy": foreign.pk})
    assert response.status_code == 200
    assert "strategy" in response.context["filters"].errors
    assert response.context["tables"].count == 1


def test_it_hides_another_organizations_plan(login, personas, other_world):
    url = reverse("workflow:plan_detail", args=[other_world["plan"].pk])
    assert login(personas["staff"]).get(url).status_code == 404


def test_it_shows_a_project_with_its_total_in_words(login, personas, world):
    project = add_project(world, amounts=("12000", "500.50"))
    response = login(personas["executive"]).get(
        reverse("projects:project_detail", args=[project.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "12,500.50" in html
    assert "หนึ่งหมื่นสองพันห้าร้อยบาทห้าสิบสตางค์" in html


def test_it_counts_queries_independently_of_other_worlds(db, login, personas, world):
    # A second organization's data must not show up in, or slow, this plan's page.
    extra = make_world("extra", "องค์การบริหารส่วนตำบลเพิ่ม")
    add_project(extra)
    response = login(personas["staff"]).get(plan_url(world))
    assert response.context["tables"].count == 0


def test_it_draws_month_bars_and_villages_in_each_row(login, personas, world):
    project = add_project(world, location="บ้านดอนมูล")  # runs ต.ค.–ธ.ค.
    project.villages.set(world["villages"])
    html = login(personas["staff"]).get(plan_url(world)).content.decode()
    bar = '<span class="on"></span>' * 3 + "<span></span>" * 9
    assert f'<div class="months" aria-hidden="true">{bar}</div>' in html
    assert '<span class="visually-hidden">ต.ค. พ.ย. ธ.ค.</span>' in html
    assert "บ้านดอนมูล · หมู่ที่ 1, 2" in html
