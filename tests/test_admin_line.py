"""The organization's LINE channel, set by a superuser in the admin: the token is typed in a
password box, never shown back, and an empty box keeps the token already stored. Nobody
else reaches the page."""

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.urls import reverse


@pytest.fixture
def root(client, world):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return client


def change(org):
    return reverse("admin:projects_organization_change", args=[org.pk])


def form_data(org, **changes):
    data = {k: v for k, v in model_to_dict(org).items() if v is not None and k != "id"}
    return {**data, **changes}


def test_it_hides_the_token_and_keeps_it_when_left_empty(root, world, line_group):
    org = world["org"]
    page = root.get(change(org)).content.decode()
    assert 'type="password" name="line_channel_token"' in page
    assert "test-channel-token" not in page
    response = root.post(change(org), form_data(org, line_channel_token="", short_name="ใหม่"))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.short_name == "ใหม่"
    assert org.line_channel_token == "test-channel-token"
    root.post(change(org), form_data(org, line_channel_token="new-token"))
    org.refresh_from_db()
    assert org.line_channel_token == "new-token"


@pytest.mark.parametrize("persona", ["staff", "member", "executive", "orgadmin", "outsider"])
def test_it_keeps_the_channel_page_from_everyone_else(persona, personas, login, world):
    response = login(personas[persona]).get(change(world["org"]))
    assert response.status_code == 302
    assert "login" in response.url
