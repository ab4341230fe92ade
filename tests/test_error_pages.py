"""Error pages speak Thai, say why, and the admin cannot bypass the workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from projects.models import OperationsPlan, Stage


def test_it_says_why_a_role_may_not_do_something(login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    response = login(personas["member"]).get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "เฉพาะเจ้าหน้าที่วางแผนเท่านั้นที่แก้ไขโครงการได้" in html
    assert '<html lang="th">' in html


def test_it_answers_an_unknown_staff_address_in_thai(login, personas, world):
    response = login(personas["staff"]).get("/plans/999999/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


@pytest.mark.parametrize("path", ["/p/sungmen/99999/", "/p/nope/", "/p/sungmen/2565/x/"])
def test_it_answers_an_unknown_public_address_with_the_public_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "สำหรับเจ้าหน้าที่" in html  # the public layout, not a login redirect
    assert "Not Found" not in html


def test_it_keeps_the_plan_stage_out_of_the_admins_reach(world):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(root)
    plan = world["plan"]
    url = reverse("admin:projects_operationsplan_change", args=[plan.pk])
    response = client.post(url, {"stage": Stage.ANNOUNCED, "fiscal_year": 2565})
    assert response.status_code == 403
    delete = reverse("admin:projects_operationsplan_delete", args=[plan.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    plan.refresh_from_db()
    assert plan.stage == Stage.COLLECTING
    assert OperationsPlan.objects.announced().count() == 0


def test_it_closes_the_admin_to_everyone_but_superusers(world, personas):
    staff = personas["orgadmin"]
    staff.is_staff = True  # even with Django's staff flag
    staff.save()
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response.url
