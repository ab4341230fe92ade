"""The organization itself: starting a new one ready to use, its settings and emblem, old
public addresses after a slug change, passwords, and the superusers' admin."""

import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from projects.emblem import emblem_data_uri
from projects.manage.standard import EQUIPMENT_TYPES, PROGRAMS
from projects.models import EquipmentType, Organization, Program, Role, RuleSet, UnitKind
from tests.support import announce, make_user, plan_url


def superuser():
    root = make_user("root")
    root.is_superuser = root.is_staff = True
    root.save()
    return root


def settings_data(org, **overrides):
    fields = [
        "name",
        "short_name",
        "kind",
        "district",
        "province",
        "slug",
        "unit_kind",
        "executive_name",
        "executive_title",
        "acting_signer_name",
        "acting_signer_title",
    ]
    return {**{f: getattr(org, f) for f in fields}, **overrides}


def png(width, height) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 128)).save(buffer, "PNG")
    return SimpleUploadedFile("emblem.png", buffer.getvalue(), content_type="image/png")


def test_it_starts_a_new_organization_ready_with_its_administrator_invited(
    login, db, django_capture_on_commit_callbacks
):
    data = {
        "name": "เทศบาลตำบลร่องกาศ",
        "short_name": "ทต.ร่องกาศ",
        "kind": "subdistrict_municipality",
        "district": "สูงเม่น",
        "province": "แพร่",
        "slug": "rongkat",
        "admin_email": "admin@rongkat.go.th",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = login(superuser()).post(reverse("manage:organization_new"), data)
    org = Organization.objects.get(slug="rongkat")
    assert response.url == reverse("manage:dashboard", args=[org.pk])
    assert dict(Program.objects.filter(organization=org).values_list("code", "name")) == PROGRAMS
    assert EquipmentType.objects.filter(organization=org).count() == len(EQUIPMENT_TYPES)
    assert org.unit_kind == UnitKind.COMMUNITY  # a เทศบาล has ชุมชน
    assert org.memberships.get().role == Role.ADMINISTRATOR
    assert mail.outbox[0].to == ["admin@rongkat.go.th"]


def test_it_starts_an_organization_from_the_command_line_too(db):
    superuser()
    out = io.StringIO()
    call_command(
        "create_organization",
        "--name",
        "องค์การบริหารส่วนตำบลบ้านกวาง",
        "--short-name",
        "อบต.บ้านกวาง",
        "--slug",
        "bankwang",
        "--district",
        "สูงเม่น",
        "--province",
        "แพร่",
        "--admin-email",
        "a@bankwang.go.th",
        stdout=out,
    )
    org = Organization.objects.get(slug="bankwang")
    assert Program.objects.filter(organization=org).count() == 12
    assert "/accounts/reset/" in out.getvalue()


def test_it_keeps_an_uploaded_emblem_small_and_clean(login, personas, world):
    url = reverse("manage:settings", args=[world["org"].pk])
    client = login(personas["orgadmin"])
    response = client.post(url, {**settings_data(world["org"]), "emblem": png(3000, 1500)})
    assert response.status_code == 302
    org = Organization.objects.get(pk=world["org"].pk)
    with Image.open(io.BytesIO(bytes(org.emblem_png))) as image:
        assert image.format == "PNG" and max(image.size) == 800
    assert emblem_data_uri(org).startswith("data:image/png;base64,")
    bad = SimpleUploadedFile("emblem.png", b"not an image", content_type="image/png")
    refused = client.post(url, {**settings_data(org, executive_name="นายใหม่"), "emblem": bad})
    assert "ไม่ใช่รูปภาพ" in refused.content.decode()
    assert 'value="นายใหม่"' in refused.content.decode()


def test_it_keeps_old_public_addresses_working_after_a_slug_change(login, personas, world, client):
    plan = announce(world["plan"])
    old = plan_url(plan)
    login(personas["orgadmin"]).post(
        reverse("manage:settings", args=[world["org"].pk]),
        settings_data(world["org"], slug="sungmen-phrae", acting_signer_name="นายรักษา แทน"),
    )
    plan.refresh_from_db()
    client.logout()
    response = client.get(old + "?q=ถนน")
    assert response.status_code == 301
    assert response.url == "/p/sungmen-phrae/2565/?q=%E0%B8%96%E0%B8%99%E0%B8%99"
    assert client.get(response.url).status_code == 200
    assert client.get("/p/no-such-place/2565/").status_code == 404
    org = Organization.objects.get(pk=world["org"].pk)
    assert org.acting_signer_name == "นายรักษา แทน"


def test_it_changes_and_resets_passwords_in_thai(
    login, personas, client, django_capture_on_commit_callbacks
):
    staff = personas["staff"]
    staff.email = "staff@example.go.th"
    staff.save()
    page = login(staff).get(reverse("password_change"))
    assert "เปลี่ยนรหัสผ่าน" in page.content.decode()
    client.logout()
    client.post(reverse("password_reset"), {"email": "staff@example.go.th"})
    (message,) = mail.outbox
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    assert "/accounts/reset/" in message.body


def test_it_gives_superusers_a_rule_set_preset_that_works_and_sarabun(login, world):
    root = superuser()
    client = login(root)
    response = client.post(
        reverse("admin:projects_ruleset_add"),
        {"organization": world["org"].pk, "preset": "regulation_2561"},
    )
    assert response.status_code == 302
    assert RuleSet.objects.get(organization=world["org"]).posting_keep_days == 30
    index = client.get(reverse("admin:projects_strategy_changelist")).content.decode()
    assert "css/admin.css" in index
    assert world["org"].name in index  # the organization column
