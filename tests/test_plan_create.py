"""Creating the year's main plan and its supplements from the staff pages."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import OperationsPlan, RuleSet

URL = reverse("projects:plan_create")


def post(client, world, **data):
    return client.post(URL, {"organization": world["org"].pk, **data})


def test_it_creates_the_next_years_main_plan(login, personas, world):
    world["period"].last_year = 2566
    world["period"].save()
    response = post(login(personas["staff"]), world, fiscal_year="๒๕๖๖")
    plan = OperationsPlan.objects.get(fiscal_year=2566)
    assert response.url == reverse("workflow:plan_detail", args=[plan.pk])
    assert plan.supplement_number == 0
    assert plan.stage == "collecting"
    assert plan.period == world["period"]


def test_it_numbers_supplements_one_after_another(login, personas, world):
    client = login(personas["staff"])
    post(client, world, fiscal_year="2565", supplementary="on", trigger_date="2022-03-01")
    post(client, world, fiscal_year="2565", supplementary="on", trigger_date="2022-05-10")
    supplements = OperationsPlan.objects.filter(supplement_number__gt=0).order_by("id")
    assert [(p.supplement_number, p.trigger_date) for p in supplements] == [
        (1, date(2022, 3, 1)),
        (2, date(2022, 5, 10)),
    ]
    assert supplements[0].title.startswith("แผนการดำเนินงานเพิ่มเติม ครั้งที่ 1")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fiscal_year": "2565"}, "มีแผนการดำเนินงานหลักของปีนี้แล้ว"),
        ({"fiscal_year": "65"}, "กรุณากรอกปีงบประมาณเป็นปี พ.ศ."),
        ({"fiscal_year": "สองห้าหก"}, "กรุณากรอกปีงบประมาณเป็นปี พ.ศ."),
        ({"fiscal_year": "2565", "supplementary": "on"}, "ต้องระบุวันที่ตั้งงบประมาณ"),
        (
            {"fiscal_year": "2564", "supplementary": "on", "trigger_date": "2021-01-01"},
            "ยังไม่มีแผนการดำเนินงานหลักของปีนี้",
        ),
        ({"fiscal_year": "2570"}, "ยังไม่มีแผนพัฒนาท้องถิ่นที่ครอบคลุมปี 2570"),
    ],
)
def test_it_refuses_bad_plans_in_thai_and_keeps_the_input(data, message, login, personas, world):
    response = post(login(personas["staff"]), world, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{data["fiscal_year"]}"' in html
    assert OperationsPlan.objects.filter(organization=world["org"]).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 200), ("orgadmin", 200), ("member", 403), ("executive", 403), ("nobody", 403)],
)
def test_it_offers_plan_creation_to_editors_only(persona, status, login, personas, world):
    assert login(personas[persona]).get(URL).status_code == status


def test_it_refuses_a_plan_for_another_organization(login, personas, world, other_world):
    response = post(login(personas["staff"]), other_world, fiscal_year="2566")
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not OperationsPlan.objects.filter(fiscal_year=2566).exists()


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    assert client.get(URL).url.startswith(reverse("login"))


def test_it_asks_for_the_budget_date_when_the_rule_counts_from_it(login, personas, world):
    RuleSet.from_preset(world["org"], RuleSet.Preset.REGULATION_2561).save()
    world["period"].last_year = 2566
    world["period"].save()
    client = login(personas["staff"])
    response = post(client, world, fiscal_year="2566")
    assert "กำหนดเวลาแผนหลักนับจากวันประกาศใช้งบประมาณ" in response.content.decode()
    post(client, world, fiscal_year="2566", trigger_date="2022-09-20")
    plan = OperationsPlan.objects.get(fiscal_year=2566)
    assert plan.trigger_date == date(2022, 9, 20)


def test_it_leaves_a_space_between_the_plan_title_and_what_follows(login, personas, world):
    world["period"].last_year = 2566
    world["period"].save()
    response = post(login(personas["staff"]), world, fiscal_year="2566")
    html = login(personas["staff"]).get(response.url).content.decode()
    assert "ประจำปีงบประมาณ พ.ศ. 2566 แล้ว" in html
