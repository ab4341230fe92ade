"""Any number of budget lines on the project form: many lines in one save, another empty row
without JavaScript (the form posted back as typed, nothing saved, no errors yet), removal."""

from decimal import Decimal

from django.urls import reverse

from projects.models import BudgetLine, Project
from tests.support import add_project, valid_post


def create_url(world):
    return reverse("projects:project_create", args=[world["plan"].pk])


def lines_post(world, amounts, **overrides):
    data = valid_post(world, **{"lines-TOTAL_FORMS": str(len(amounts)), **overrides})
    for i, amount in enumerate(amounts):
        data.update(
            {
                f"lines-{i}-amount": amount,
                f"lines-{i}-group": "operating",
                f"lines-{i}-category": "",
                f"lines-{i}-source": "annual",
                f"lines-{i}-note": "",
            }
        )
    return data


def test_it_saves_as_many_budget_lines_as_were_entered(login, personas, world):
    amounts = [str(1000 * (i + 1)) for i in range(7)]
    response = login(personas["staff"]).post(create_url(world), lines_post(world, amounts))
    assert response.status_code == 302
    saved = sorted(Project.objects.get().budget_lines.values_list("amount", flat=True))
    assert saved == [Decimal(a) for a in amounts]


def test_it_adds_an_empty_row_without_javascript_keeping_what_was_typed(login, personas, world):
    data = lines_post(world, ["๑๕๐,๐๐๐", "12,500"], title="", add_line="1")
    response = login(personas["staff"]).post(create_url(world), data)
    assert response.status_code == 200
    assert Project.objects.count() == 0
    lines = response.context["lines"]
    assert len(lines.forms) == 3
    page = response.content.decode()
    assert 'value="๑๕๐,๐๐๐"' in page
    assert 'name="lines-2-amount"' in page
    assert "กรุณากรอกชื่อโครงการ" not in page  # not checked yet: only a row was asked for
    assert 'value="บ้านดอนมูล"' in page


def test_it_offers_an_empty_row_template_for_the_script(login, personas, world):
    page = login(personas["staff"]).get(create_url(world)).content.decode()
    assert '<template id="budget-line-template">' in page
    assert 'name="lines-__prefix__-amount"' in page
    assert '<script src="/static/js/project_form.js">' in page
    assert "<script>" not in page  # no inline script: the coming CSP forbids it


def test_it_removes_the_lines_ticked_for_deletion(login, personas, world):
    project = add_project(world, amounts=("1000", "2000", "3000"))
    lines = list(project.budget_lines.order_by("amount"))
    data = lines_post(
        world,
        ["1000", "2000", "3000"],
        version=1,
        **{"lines-INITIAL_FORMS": "3", "lines-1-DELETE": "on"},
    )
    for i, line in enumerate(lines):
        data[f"lines-{i}-id"] = line.pk
    response = login(personas["staff"]).post(
        reverse("projects:project_update", args=[project.pk]), data
    )
    assert response.status_code == 302
    kept = sorted(BudgetLine.objects.filter(project=project).values_list("amount", flat=True))
    assert kept == [Decimal("1000"), Decimal("3000")]


def test_it_refuses_more_lines_than_the_limit_in_thai(login, personas, world):
    # A tampered row count (the fields themselves would pass Django's 1,000-field limit).
    data = lines_post(world, ["1000"] * 3, **{"lines-TOTAL_FORMS": "201"})
    response = login(personas["staff"]).post(create_url(world), data)
    assert response.status_code == 200
    assert "รายการงบประมาณมีได้ไม่เกิน 200 รายการต่อโครงการ" in response.content.decode()
    assert Project.objects.count() == 0
