"""Finding 6 of the hardening audit: posting another project's budget-line id as the only
line saved a project with no budget line at all. Validation counts what will be saved."""

import pytest
from django.urls import reverse

from projects.forms import MAX_BUDGET_LINES
from projects.models import BudgetLine, Project
from tests.support import add_project, valid_post

MESSAGE = "รายการงบประมาณที่ส่งมาไม่ใช่ของโครงการนี้"


def foreign_line_post(world, line_id, **overrides):
    return valid_post(
        world,
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-id": str(line_id),
            "lines-0-amount": "5,000",
            "lines-0-group": "operating",
            **overrides,
        },
    )


@pytest.mark.parametrize("where", ["same organization", "other organization"])
def test_it_refuses_a_new_project_whose_only_line_belongs_to_another(
    where, login, personas, world, other_world
):
    other = add_project(world if where == "same organization" else other_world)
    line = other.budget_lines.get()
    url = reverse("projects:project_create", args=[world["plan"].pk])
    response = login(personas["staff"]).post(url, foreign_line_post(world, line.pk))
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Project.objects.filter(title="โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 2").exists()
    line.refresh_from_db()
    assert (line.project_id, line.amount) == (other.pk, 250000)


def test_it_refuses_an_edit_that_swaps_its_line_for_another_projects(login, personas, world):
    project = add_project(world, title="ของเรา")
    other = add_project(world, title="ของคนอื่น")
    url = reverse("projects:project_update", args=[project.pk])
    data = foreign_line_post(world, other.budget_lines.get().pk, version=project.version)
    response = login(personas["staff"]).post(url, data)
    assert MESSAGE in response.content.decode()
    project.refresh_from_db()
    assert project.title == "ของเรา"
    assert BudgetLine.objects.filter(project=project).count() == 1
    assert BudgetLine.objects.filter(project=other).count() == 1


def test_it_builds_no_more_line_forms_than_a_project_can_have(login, personas, world):
    # Found by tests/test_property_forms.py: this one post took 51 s and answered 12.5 MB.
    url = reverse("projects:project_create", args=[world["plan"].pk])
    data = valid_post(world, **{"lines-TOTAL_FORMS": "1000000"})
    response = login(personas["staff"]).post(url, data)
    assert len(response.context["lines"].forms) == MAX_BUDGET_LINES
    assert "รายการงบประมาณมีได้ไม่เกิน 200 รายการต่อโครงการ" in response.content.decode()
    assert len(response.content) < 2_000_000
    assert not Project.objects.filter(title="โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 2").exists()
