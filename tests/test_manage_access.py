"""Every organization-administration page against every persona and another organization's
administrator: anonymous → login, another organization → 404, members without the
administrator role → 403, the administrator → 200. Refused writes change nothing."""

import pytest
from django.urls import reverse

from projects.models import AuditEvent, Department, Membership, Role
from tests.support import make_user

ADMIN = "orgadmin"
# (url name, its arguments beyond the organization, whether it only takes POST)
PAGES = [
    ("manage:dashboard", {}, False),
    ("manage:people", {}, False),
    ("manage:person", {"user_id": "staff"}, False),
    ("manage:person_action", {"user_id": "staff", "action": "unlock"}, True),
    ("manage:person_action", {"user_id": "staff", "action": "remove"}, True),
    ("manage:settings", {}, False),
    ("manage:rules", {}, False),
    ("manage:history", {}, False),
    ("manage:period_copy", {"pk": "period"}, True),
    *[
        ("manage:master_list", {"kind": kind}, False)
        for kind in ("departments", "villages", "programs", "equipment", "periods")
    ],
    ("manage:master_new", {"kind": "departments"}, False),
    ("manage:master_new", {"kind": "strategies"}, False),
    ("manage:master_edit", {"kind": "departments", "pk": "department"}, False),
    ("manage:master_edit", {"kind": "guidelines", "pk": "guideline"}, False),
    ("manage:master_action", {"kind": "departments", "pk": "department", "action": "retire"}, True),
    ("manage:master_action", {"kind": "departments", "pk": "department", "action": "delete"}, True),
]
EXPECTED = {
    "orgadmin": 200,
    "staff": 403,
    "member": 403,
    "executive": 403,
    "monitor": 403,
    "department": 403,
    "outsider": 404,
    "otheradmin": 404,
    "nobody": 404,
}


@pytest.fixture
def everyone(personas, other_world):
    return {
        **personas,
        "otheradmin": make_user("otheradmin", other_world["org"], Role.ADMINISTRATOR),
    }


def url_of(name, extra, world, everyone):
    values = {
        "staff": lambda: everyone["staff"].pk,
        "period": lambda: world["period"].pk,
        "department": lambda: world["departments"][1].pk,
        "guideline": lambda: world["guidelines"][0].pk,
    }
    kwargs = {"org_id": world["org"].pk}
    for key, value in extra.items():
        kwargs[key] = values[value]() if value in values else value
    return reverse(name, kwargs=kwargs)


def snapshot():
    return (
        AuditEvent.objects.count(),
        sorted(Membership.objects.values_list("user_id", "role")),
        sorted(Department.objects.values_list("pk", "name", "is_retired")),
    )


@pytest.mark.parametrize(("name", "extra", "post_only"), PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(
    name, extra, post_only, client, world, everyone
):
    response = client.post(url_of(name, extra, world, everyone))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", sorted(EXPECTED))
@pytest.mark.parametrize(("name", "extra", "post_only"), PAGES)
def test_it_answers_each_persona_as_its_role_allows(
    persona, name, extra, post_only, login, world, everyone
):
    url = url_of(name, extra, world, everyone)
    client = login(everyone[persona])
    before = snapshot()
    response = client.get(url)
    # A GET never acts: the POST-only addresses refuse it before anything else.
    assert response.status_code == (405 if post_only else EXPECTED[persona])
    if EXPECTED[persona] != 200:
        assert client.post(url).status_code == EXPECTED[persona]
    assert snapshot() == before


@pytest.mark.parametrize("persona", sorted(set(EXPECTED) - {ADMIN}))
def test_it_keeps_the_home_and_new_organization_pages_from_non_administrators(
    persona, login, everyone
):
    client = login(everyone[persona])
    home = client.get(reverse("manage:home"))
    if persona == "otheradmin":
        assert home.status_code == 302  # to their own organization's page
    else:
        assert home.status_code == 403
    assert client.get(reverse("manage:organization_new")).status_code == 403
    assert client.post(reverse("manage:organization_new"), {"name": "x"}).status_code == 403


def test_it_takes_an_administrator_to_their_own_organization(login, world, everyone):
    response = login(everyone[ADMIN]).get(reverse("manage:home"))
    assert response.url == reverse("manage:dashboard", args=[world["org"].pk])
    assert login(everyone[ADMIN]).get(reverse("manage:organization_new")).status_code == 403


def test_it_opens_the_new_organization_page_to_superusers_only(login, db):
    root = make_user("root")
    root.is_superuser = True
    root.save()
    assert login(root).get(reverse("manage:organization_new")).status_code == 200


def test_it_does_not_reach_another_organizations_rows_through_its_own_address(
    login, world, other_world, everyone
):
    # The administrator's own organization in the URL, another organization's row as pk.
    foreign = other_world["departments"][0]
    client = login(everyone[ADMIN])
    base = {"org_id": world["org"].pk, "kind": "departments", "pk": foreign.pk}
    assert client.get(reverse("manage:master_edit", kwargs=base)).status_code == 404
    delete = reverse("manage:master_action", kwargs={**base, "action": "delete"})
    assert client.post(delete).status_code == 404
    person = reverse(
        "manage:person", kwargs={"org_id": world["org"].pk, "user_id": everyone["outsider"].pk}
    )
    assert client.get(person).status_code == 404
    assert Department.objects.filter(pk=foreign.pk).exists()
