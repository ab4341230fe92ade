"""Entering a project with its budget lines: every bad input gets a Thai message next to the
field, what was typed is shown again, and nothing is saved until everything is valid."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import BudgetLine, Project
from tests.support import add_project, valid_post


def create_url(world):
    return reverse("projects:project_create", args=[world["plan"].pk])


def test_it_creates_a_project_with_two_budget_lines(login, personas, world):
    response = login(personas["staff"]).post(create_url(world), valid_post(world))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:project_detail", args=[project.pk])
    assert project.plan == world["plan"]
    assert project.months == [10, 11, 1]  # stored in fiscal order
    assert list(project.villages.all()) == [world["villages"][1]]
    amounts = sorted(project.budget_lines.values_list("amount", flat=True))
    assert amounts == [Decimal("12500.50"), Decimal("150000.00")]


def test_it_shows_the_form_with_months_in_fiscal_order(login, personas, world):
    response = login(personas["staff"]).get(create_url(world))
    assert response.status_code == 200
    labels = [label for _, label in response.context["form"].fields["months"].choices]
    assert labels[0] == "ต.ค. 64"
    assert labels[2] == "ธ.ค. 64"
    assert labels[3] == "ม.ค. 65"
    assert labels[-1] == "ก.ย. 65"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "กรุณากรอกชื่อโครงการ/กิจกรรม"),
        ({"months": []}, "months", "เลือกอย่างน้อยหนึ่งเดือนที่ดำเนินการ"),
        ({"ownership": "other_agency", "agency": ""}, "agency", "กรุณาระบุหน่วยงานอื่น"),
        ({"department": ""}, "department", "กรุณาเลือกหน่วยงานรับผิดชอบหลัก"),
        ({"form": "pd02_1", "equipment_type": ""}, "equipment_type", "ต้องระบุประเภทครุภัณฑ์"),
        # Characters the document's font cannot draw (projects/glyphs.py).
        ({"title": "โครงการตรวจรับ ✓"}, "title", "มีอักขระที่พิมพ์ในเอกสารแผนไม่ได้: ✓ (U+2713)"),
        ({"details": "ดูข้อ ※ ท้ายนี้"}, "details", "พิมพ์ในเอกสารแผนไม่ได้: ※"),
        ({"location": "บ้านเลขที่ № 5"}, "location", "พิมพ์ในเอกสารแผนไม่ได้: №"),
    ],
)
def test_it_refuses_bad_project_fields_in_thai(overrides, field, message, login, personas, world):
    data = valid_post(world, **overrides)
    response = login(personas["staff"]).post(create_url(world), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode()
    assert not Project.objects.exists()
    assert not BudgetLine.objects.exists()


def test_it_refuses_a_guideline_of_another_strategy(login, personas, world):
    data = valid_post(world, guideline=world["guidelines"][1].pk)
    response = login(personas["staff"]).post(create_url(world), data)
    assert "แนวทางการพัฒนานี้ไม่อยู่ในยุทธศาสตร์ที่เลือก" in response.content.decode()
    assert not Project.objects.exists()


def test_it_refuses_a_strategy_of_another_organization(login, personas, world, other_world):
    data = valid_post(
        world,
        strategy=other_world["strategies"][0].pk,
        guideline=other_world["guidelines"][0].pk,
    )
    response = login(personas["staff"]).post(create_url(world), data)
    errors = response.context["form"].errors
    assert "ตัวเลือกนี้ไม่มีในแผนขององค์กรนี้" in " ".join(errors["strategy"])
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-500", "จำนวนเงินต้องมากกว่าศูนย์"),
        ("0", "จำนวนเงินต้องมากกว่าศูนย์"),
        ("หนึ่งพัน", "กรุณากรอกจำนวนเงินเป็นตัวเลข"),
        ("12,5OO", "กรุณากรอกจำนวนเงินเป็นตัวเลข"),
        ("100.255", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    ],
)
def test_it_refuses_bad_amounts_and_keeps_what_was_typed(amount, message, login, personas, world):
    data = valid_post(world, **{"lines-0-amount": amount})
    response = login(personas["staff"]).post(create_url(world), data)
    assert response.status_code == 200
    line_errors = response.context["lines"].forms[0].errors["amount"]
    assert message in " ".join(line_errors)
    html = response.content.decode()
    assert f'value="{amount}"' in html
    # the rest of the page keeps what was typed too
    assert 'value="โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 2"' in html
    assert 'value="๑๒,๕๐๐.๕๐"' in html
    assert not Project.objects.exists()
    assert not BudgetLine.objects.exists()


def test_it_accepts_thai_and_arabic_digits_alike(login, personas, world):
    data = valid_post(world, **{"lines-0-amount": "๑๒,๕๐๐", "lines-1-amount": "12,500"})
    login(personas["staff"]).post(create_url(world), data)
    amounts = list(BudgetLine.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("12500"), Decimal("12500")]


def test_it_requires_at_least_one_budget_line(login, personas, world):
    blank = {f"lines-{i}-{f}": "" for i in (0, 1) for f in ("amount", "category", "note")}
    # what a browser sends for untouched rows: the source keeps its default
    blank.update({"lines-0-group": "", "lines-1-group": "", "lines-1-source": "annual"})
    response = login(personas["staff"]).post(create_url(world), valid_post(world, **blank))
    assert "ต้องมีรายการงบประมาณอย่างน้อยหนึ่งรายการ" in response.content.decode()
    assert not Project.objects.exists()


def test_it_refuses_a_plan_of_another_organization(login, personas, world, other_world):
    url = reverse("projects:project_create", args=[other_world["plan"].pk])
    response = login(personas["staff"]).post(url, valid_post(world))
    assert response.status_code == 404
    assert not Project.objects.exists()


def test_it_edits_a_project_and_its_lines_together(login, personas, world):
    project = add_project(world, amounts=("1000", "2000"))
    first, second = project.budget_lines.all()
    data = valid_post(
        world,
        title="ชื่อใหม่",
        version=project.version,
        **{
            "lines-TOTAL_FORMS": "3",
            "lines-INITIAL_FORMS": "2",
            "lines-0-id": first.pk,
            "lines-0-amount": "1,500",
            "lines-1-id": second.pk,
            "lines-1-amount": "2000",
            "lines-1-DELETE": "on",
            "lines-2-amount": "",
            "lines-2-group": "",
            "lines-2-source": "annual",
        },
    )
    url = reverse("projects:project_update", args=[project.pk])
    response = login(personas["staff"]).post(url, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "ชื่อใหม่"
    assert list(project.budget_lines.values_list("amount", flat=True)) == [Decimal("1500")]


def test_it_leaves_the_project_untouched_when_a_line_is_invalid(login, personas, world):
    project = add_project(world, title="ชื่อเดิม", amounts=("1000",))
    line = project.budget_lines.get()
    data = valid_post(
        world,
        title="ชื่อใหม่",
        version=project.version,
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-id": line.pk,
            "lines-0-amount": "-1",
        },
    )
    url = reverse("projects:project_update", args=[project.pk])
    login(personas["staff"]).post(url, data)
    project.refresh_from_db()
    line.refresh_from_db()
    assert project.title == "ชื่อเดิม"
    assert line.amount == Decimal("1000")


def test_it_deletes_a_project_on_post_only(login, personas, world):
    project = add_project(world)
    client = login(personas["staff"])
    url = reverse("projects:project_delete", args=[project.pk])
    assert client.get(url).status_code == 200
    assert Project.objects.filter(pk=project.pk).exists()
    response = client.post(url, {"version": project.version})
    assert response.url == reverse("workflow:plan_detail", args=[world["plan"].pk])
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not BudgetLine.objects.exists()


def test_it_refuses_to_delete_a_project_changed_since_the_page_was_opened(login, personas, world):
    project = add_project(world)
    Project.objects.filter(pk=project.pk).update(version=2)  # someone saved meanwhile
    url = reverse("projects:project_delete", args=[project.pk])
    response = login(personas["staff"]).post(url, {"version": 1}, follow=True)
    assert "มีผู้อื่นแก้ไขโครงการนี้หลังจากที่คุณเปิดหน้านี้" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()


def test_it_explains_that_a_project_was_already_deleted(login, personas, world):
    project = add_project(world)
    client = login(personas["staff"])
    url = reverse("projects:project_delete", args=[project.pk])
    page = client.get(url)  # the confirmation page is open...
    assert page.status_code == 200
    Project.objects.filter(pk=project.pk).delete()  # ...when someone else deletes it
    assert client.post(url, {"version": 1}).status_code == 404


def test_it_refuses_an_absurdly_large_amount_with_a_message(login, personas, world):
    data = valid_post(world, **{"lines-0-amount": "1" * 30 + ".001"})
    response = login(personas["staff"]).post(create_url(world), data)
    assert response.status_code == 200
    assert "จำนวนเงินสูงเกินไป" in response.content.decode()
