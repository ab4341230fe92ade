"""Master data on the administrator's pages, and what an announced plan showed never
changing: renamed rows are replaced, used rows are retired instead of deleted."""

from django.urls import reverse

from projects.forms import PlanFilterForm, ProjectForm
from projects.models import (
    AuditEvent,
    Department,
    Guideline,
    Organization,
    PlanPeriod,
    Project,
    Strategy,
    UnitKind,
    Village,
)
from tests.support import add_plan, add_project, announce, plan_url


def url(world, name, **kwargs):
    return reverse(f"manage:{name}", kwargs={"org_id": world["org"].pk, **kwargs})


def test_it_shows_a_village_as_entered_with_the_organizations_word(login, personas, world):
    client = login(personas["orgadmin"])
    response = client.post(
        url(world, "master_new", kind="villages"), {"number": "3", "name": "บ้านใหม่"}
    )
    assert response.status_code == 302
    assert str(Village.objects.get(number=3)) == "หมู่ที่ 3 บ้านใหม่"
    world["org"].unit_kind = UnitKind.COMMUNITY
    world["org"].save()
    client.post(url(world, "master_new", kind="villages"), {"number": "4", "name": "ตลาดเก่า"})
    assert str(Village.objects.get(number=4)) == "ชุมชนที่ 4 ตลาดเก่า"
    page = client.get(url(world, "master_list", kind="villages")).content.decode()
    assert '<h1 class="h4 mb-0">ชุมชน</h1>' in page


def test_it_refuses_a_duplicate_in_thai_and_re_shows_the_input(login, personas, world):
    response = login(personas["orgadmin"]).post(
        url(world, "master_new", kind="departments"), {"name": "กองช่าง", "order": "7"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "มีหน่วยงานชื่อนี้อยู่แล้ว" in html
    assert 'value="7"' in html
    assert Department.objects.filter(organization=world["org"], name="กองช่าง").count() == 1


def test_it_keeps_what_an_announced_plan_showed_when_a_strategy_is_renamed(
    login, personas, world, client
):
    announced = add_project(world, title="โครงการถนนที่ประกาศแล้ว")
    announce(world["plan"])
    preparing = add_plan(world, 2566)
    draft = add_project({**world, "plan": preparing}, title="โครงการถนนปีหน้า")
    strategy = world["strategies"][0]
    response = login(personas["orgadmin"]).post(
        url(world, "master_edit", kind="strategies", pk=strategy.pk),
        {"period": world["period"].pk, "number": "1", "name": "การพัฒนาเมืองน่าอยู่"},
    )
    assert response.status_code == 302
    announced.refresh_from_db()
    draft.refresh_from_db()
    assert announced.strategy_id == strategy.pk and announced.strategy.name.startswith("การพัฒนาด้าน")
    assert draft.strategy.name == "การพัฒนาเมืองน่าอยู่"
    # The guideline moved with its strategy, as a new row; the announced plan keeps the old.
    assert draft.guideline.strategy_id == draft.strategy_id
    assert announced.guideline_id == world["guidelines"][0].pk
    public = client.get(plan_url(world["plan"])).content.decode()
    assert "การพัฒนาด้านโครงสร้างพื้นฐาน" in public
    assert "การพัฒนาเมืองน่าอยู่" not in public
    assert Strategy.objects.get(pk=strategy.pk).is_retired
    event = AuditEvent.objects.get(kind="master_replaced")
    assert event.changes == {"ชื่อยุทธศาสตร์": ["การพัฒนาด้านโครงสร้างพื้นฐาน", "การพัฒนาเมืองน่าอยู่"]}


def test_it_renames_in_place_what_no_announced_plan_uses(login, personas, world):
    add_project(world)
    department = world["departments"][0]
    login(personas["orgadmin"]).post(
        url(world, "master_edit", kind="departments", pk=department.pk),
        {"name": "กองช่างโยธา", "order": "1"},
    )
    department.refresh_from_db()
    assert department.name == "กองช่างโยธา" and not department.is_retired
    assert AuditEvent.objects.get(kind="master_updated").changes["ชื่อหน่วยงาน"] == [
        "กองช่าง",
        "กองช่างโยธา",
    ]


def test_it_replaces_a_renamed_village_for_plans_in_preparation_only(login, personas, world):
    v1 = world["villages"][0]
    shown = add_project(world)
    shown.villages.set([v1])
    announce(world["plan"])
    draft = add_project({**world, "plan": add_plan(world, 2566)})
    draft.villages.set([v1])
    login(personas["orgadmin"]).post(
        url(world, "master_edit", kind="villages", pk=v1.pk), {"number": "1", "name": "บ้านสูงเม่นใต้"}
    )
    assert [str(v) for v in shown.villages.all()] == ["หมู่ที่ 1 บ้านสูงเม่น"]
    assert [str(v) for v in draft.villages.all()] == ["หมู่ที่ 1 บ้านสูงเม่นใต้"]


def test_it_refuses_to_delete_what_a_project_uses_and_retires_it_instead(login, personas, world):
    add_project(world)
    program = world["programs"][0]
    client = login(personas["orgadmin"])
    response = client.post(
        url(world, "master_action", kind="programs", pk=program.pk, action="delete"), follow=True
    )
    assert "ลบไม่ได้ เพราะมีโครงการใช้อยู่ 1 โครงการ" in response.content.decode()
    client.post(url(world, "master_action", kind="programs", pk=program.pk, action="retire"))
    program.refresh_from_db()
    assert program.is_retired
    # No longer offered for a new project; still there for the project that uses it.
    offered = ProjectForm(plan=world["plan"]).fields["program"].queryset
    assert program not in offered
    used = Project.objects.get()
    assert program in ProjectForm(instance=used, plan=world["plan"]).fields["program"].queryset


def test_it_deletes_what_nothing_uses(login, personas, world):
    unused = world["departments"][1]
    login(personas["orgadmin"]).post(
        url(world, "master_action", kind="departments", pk=unused.pk, action="delete")
    )
    assert not Department.objects.filter(pk=unused.pk).exists()
    assert AuditEvent.objects.get(kind="master_deleted").subject == "หน่วยงาน/กอง: สำนักปลัด"


def test_it_copies_strategies_and_guidelines_into_a_new_period(login, personas, world):
    new = PlanPeriod.objects.create(
        organization=world["org"],
        title="แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)",
        first_year=2566,
        last_year=2570,
    )
    login(personas["orgadmin"]).post(
        url(world, "period_copy", pk=new.pk), {"source": world["period"].pk}
    )
    assert [str(s) for s in new.strategies.all()] == [
        "1. การพัฒนาด้านโครงสร้างพื้นฐาน",
        "2. การพัฒนาคุณภาพชีวิต",
    ]
    assert Guideline.objects.filter(strategy__period=new).count() == 2


def test_it_fills_a_rule_set_preset_and_shows_its_legal_source(login, personas, world):
    client = login(personas["orgadmin"])
    response = client.post(url(world, "rules"), {"preset": "regulation_2561"}, follow=True)
    rules = Organization.objects.get(pk=world["org"].pk).rules
    assert (rules.posting_within_days, rules.posting_keep_days) == (15, 30)
    assert "ข้อ ๒๖ (๒)" in response.content.decode()
    custom = client.post(url(world, "rules"), {"preset": "custom"})
    assert "กรุณากรอกปิดประกาศภายใน (วัน)" in custom.content.decode()


def test_it_offers_a_plans_filters_without_the_rows_retired_before_it(login, personas, world):
    announced = add_project(world)
    announce(world["plan"])
    preparing = add_plan(world, 2566)
    add_project({**world, "plan": preparing})
    strategy = world["strategies"][0]
    login(personas["orgadmin"]).post(
        url(world, "master_edit", kind="strategies", pk=strategy.pk),
        {"period": world["period"].pk, "number": "1", "name": "การพัฒนาเมืองน่าอยู่"},
    )

    def offered(plan):
        return [str(s) for s in PlanFilterForm(plan=plan).fields["strategy"].queryset]

    assert offered(preparing) == ["1. การพัฒนาเมืองน่าอยู่", "2. การพัฒนาคุณภาพชีวิต"]
    assert "1. การพัฒนาด้านโครงสร้างพื้นฐาน" in offered(announced.plan)
