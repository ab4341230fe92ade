"""Every staff page against every persona: anonymous → login, wrong organization → 404,
read-only roles → 403 on editing pages, editors → 200. GETs change nothing."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.support import add_project

READ = "read"
EDIT = "edit"
PAGES = [
    ("projects:plan_list", None, READ),
    ("workflow:plan_detail", "plan", READ),
    ("projects:project_detail", "project", READ),
    ("projects:project_create", "plan", EDIT),
    ("projects:project_update", "project", EDIT),
    ("projects:project_delete", "project", EDIT),
    ("projects:import_upload", "plan", EDIT),
    ("projects:import_template", "plan", EDIT),
    ("projects:plan_copy", "plan", EDIT),
]
EXPECTED = {
    # persona: (status on read pages, status on edit pages)
    "staff": (200, 200),
    "orgadmin": (200, 200),
    "member": (200, 403),
    "executive": (200, 403),
    "monitor": (200, 403),
    # A department's staff records progress (tests/test_department_staff.py), not the plan.
    "department": (200, 403),
    "outsider": (404, 404),
    "nobody": (404, 404),
}


def url_for(name, target, world, project):
    if target is None:
        return reverse(name)
    return reverse(name, args=[world["plan"].pk if target == "plan" else project.pk])


@pytest.mark.parametrize(("name", "target", "kind"), PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(name, target, kind, client, world):
    project = add_project(world)
    url = url_for(name, target, world, project)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", sorted(EXPECTED))
@pytest.mark.parametrize(("name", "target", "kind"), PAGES)
def test_it_answers_each_persona_as_its_role_allows(
    persona, name, target, kind, login, personas, world
):
    project = add_project(world)
    url = url_for(name, target, world, project)
    response = login(personas[persona]).get(url)
    read_status, edit_status = EXPECTED[persona]
    expected = read_status if kind == READ else edit_status
    if name == "projects:plan_list":
        expected = 200  # everyone logged in has a list, perhaps empty
    assert response.status_code == expected
    assert Project.objects.filter(pk=project.pk).exists()


@pytest.mark.parametrize(
    "persona", ["member", "executive", "monitor", "department", "outsider", "nobody"]
)
def test_it_refuses_writes_from_those_who_may_not_edit(persona, login, personas, world):
    project = add_project(world, title="ชื่อเดิม")
    client = login(personas[persona])
    client.post(reverse("projects:project_update", args=[project.pk]), {"title": "x"})
    client.post(reverse("projects:project_delete", args=[project.pk]))
    client.post(reverse("projects:project_create", args=[world["plan"].pk]), {"title": "x"})
    project.refresh_from_db()
    assert project.title == "ชื่อเดิม"
    assert Project.objects.count() == 1


def test_it_lists_nothing_for_a_user_without_roles(login, personas, world):
    response = login(personas["nobody"]).get(reverse("projects:plan_list"))
    assert list(response.context["plans"]) == []
    assert "ยังไม่มีแผนที่คุณเข้าถึงได้" in response.content.decode()
