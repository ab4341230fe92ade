"""People and roles on the administrator's pages: invitations with a one-time link, roles
given and taken, the last administrator kept, transfers that keep the history."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from projects.manage import services
from projects.models import AuditEvent, Membership, Role
from tests.support import make_user

User = get_user_model()


def people_url(world):
    return reverse("manage:people", args=[world["org"].pk])


def invite(client, world, email="somsri@example.go.th", roles=("planning_staff",), **extra):
    data = {
        "email": email,
        "first_name": "สมศรี",
        "last_name": "ใจงาม",
        "title": "นักวิเคราะห์ฯ",
        "roles": list(roles),
        **extra,
    }
    return client.post(people_url(world), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_it_invites_a_new_person_who_sets_a_password_from_a_one_time_link(
    login, personas, world, client, django_capture_on_commit_callbacks
):
    admin = login(personas["orgadmin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(admin, world)
    assert response.status_code == 302
    user = User.objects.get(email="somsri@example.go.th")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.PLANNING_STAFF
    (message,) = mail.outbox
    assert message.to == ["somsri@example.go.th"]
    assert "คำเชิญ" in message.subject
    admin.logout()
    # Django's reset view moves the token into the session and redirects once.
    page = client.get(link_in(message), follow=True)
    assert "ตั้งรหัสผ่านของบัญชี somsri@example.go.th" in page.content.decode()
    new = {"new_password1": "ผักบุ้ง-ไฟแดง-2565", "new_password2": "ผักบุ้ง-ไฟแดง-2565"}
    done = client.post(page.redirect_chain[-1][0], new, follow=True)
    assert "ตั้งรหัสผ่านแล้ว" in done.content.decode()
    logged_in = client.post(
        reverse("login"), {"username": "somsri@example.go.th", "password": new["new_password1"]}
    )
    assert logged_in.status_code == 302
    # Used once: the same link no longer works.
    client.logout()
    again = client.get(link_in(message), follow=True)
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode()


def test_it_re_shows_what_was_typed_when_the_invitation_is_incomplete(login, personas, world):
    response = invite(login(personas["orgadmin"]), world, email="ไม่ใช่อีเมล", roles=())
    html = response.content.decode()
    assert response.status_code == 200
    assert "กรุณากรอกอีเมลให้ถูกต้อง" in html
    assert "เลือกอย่างน้อยหนึ่งบทบาท" in html
    assert 'value="ไม่ใช่อีเมล"' in html
    assert not User.objects.filter(first_name="สมศรี").exists()


def test_it_lets_a_person_transferred_in_keep_their_account_and_history(
    personas, world, other_world, django_capture_on_commit_callbacks
):
    # Planning staff of another organization moves here: same account, same password.
    moved = personas["outsider"]
    moved.email = "outsider@example.go.th"
    moved.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(
            organization=world["org"],
            email="OUTSIDER@example.go.th",
            roles=[Role.PLANNING_STAFF],
            by=personas["orgadmin"],
        )
    moved.refresh_from_db()
    assert moved.has_usable_password()
    assert set(Membership.objects.filter(user=moved).values_list("organization", flat=True)) == {
        world["org"].pk,
        other_world["org"].pk,
    }
    assert "บัญชีเดิม" in mail.outbox[0].body
    services.person_remove(organization=other_world["org"], user=moved, by=personas["orgadmin"])
    moved.refresh_from_db()
    assert moved.is_active  # still works here
    event = AuditEvent.objects.get(organization=other_world["org"], kind="person_removed")
    assert event.changes == {"บทบาท": ["เจ้าหน้าที่วิเคราะห์นโยบายและแผน", ""]}


def test_it_gives_and_takes_roles_and_records_old_and_new(login, personas, world):
    staff = personas["staff"]
    url = reverse("manage:person", args=[world["org"].pk, staff.pk])
    response = login(personas["orgadmin"]).post(
        url, {"roles": ["planning_staff", "committee_member"], "title": "นักวิเคราะห์"}
    )
    assert response.status_code == 302
    roles = set(Membership.objects.filter(user=staff).values_list("role", flat=True))
    assert roles == {Role.PLANNING_STAFF, Role.COMMITTEE_MEMBER}
    event = AuditEvent.objects.get(kind="role_granted")
    assert event.actor == personas["orgadmin"] and event.plan is None
    assert event.changes["บทบาท"] == [
        "เจ้าหน้าที่วิเคราะห์นโยบายและแผน",
        "เจ้าหน้าที่วิเคราะห์นโยบายและแผน, กรรมการพัฒนา",
    ]
    history = login(personas["orgadmin"]).get(reverse("manage:history", args=[world["org"].pk]))
    assert "กรรมการพัฒนา" in history.content.decode()


@pytest.mark.parametrize("how", ["revoke", "remove"])
def test_it_keeps_the_last_administrator(how, login, personas, world):
    admin = personas["orgadmin"]
    client = login(admin)
    if how == "revoke":
        url = reverse("manage:person", args=[world["org"].pk, admin.pk])
        response = client.post(url, {"roles": ["planning_staff"]})
        assert "ต้องมีผู้ดูแลระบบขององค์กรอย่างน้อยหนึ่งคน" in response.content.decode()
    else:
        url = reverse("manage:person_action", args=[world["org"].pk, admin.pk, "remove"])
        response = client.post(url, follow=True)
        assert "ต้องมีผู้ดูแลระบบขององค์กรอย่างน้อยหนึ่งคน" in response.content.decode()
    assert Membership.objects.filter(user=admin, role=Role.ADMINISTRATOR).exists()
    assert not AuditEvent.objects.exists()


def test_it_lets_an_administrator_leave_once_there_is_another(login, personas, world):
    admin = personas["orgadmin"]
    make_user("second", world["org"], Role.ADMINISTRATOR)
    url = reverse("manage:person_action", args=[world["org"].pk, admin.pk, "remove"])
    login(admin).post(url)
    admin.refresh_from_db()
    assert not Membership.objects.filter(user=admin).exists()
    # No organization left: the account is closed, its past actions stay attributed to it.
    assert not admin.is_active
    assert AuditEvent.objects.get(kind="person_removed").actor == admin
