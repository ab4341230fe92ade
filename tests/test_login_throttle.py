"""Login throttling (django-axes): repeated wrong passwords lock the account and the address,
with a Thai message; the right password is refused until the administrator unlocks."""

from django.urls import reverse

from tests.support import PASSWORD


def attempt(client, username, password, address="127.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_it_locks_the_account_and_the_address_after_fifty_wrong_passwords(
    client, personas, login, world, settings
):
    assert settings.AXES_FAILURE_LIMIT <= 50
    for n in range(50):
        response = attempt(client, "staff", f"wrong-{n}")
    assert response.status_code == 429
    assert "กรอกรหัสผ่านผิดหลายครั้งเกินไป" in response.content.decode()
    # The right password is refused now, from this address and from another one …
    right = attempt(client, "staff", PASSWORD)
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    assert attempt(client, "staff", PASSWORD, address="127.0.0.8").status_code == 429
    # … and the address is locked for another account too.
    assert attempt(client, "member", PASSWORD).status_code == 429
    # The people page shows the lock, and the administrator lifts it.
    admin = login(personas["orgadmin"])
    people = admin.get(reverse("manage:people", args=[world["org"].pk])).content.decode()
    assert "ถูกล็อก" in people
    unlock = reverse("manage:person_action", args=[world["org"].pk, personas["staff"].pk, "unlock"])
    assert admin.post(unlock).status_code == 302
    admin.logout()
    assert attempt(client, "staff", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(personas["staff"].pk)


def test_it_still_lets_a_person_in_after_a_few_typing_mistakes(client, personas):
    for n in range(3):
        assert attempt(client, "staff", f"typo-{n}").status_code == 200
    assert attempt(client, "staff", PASSWORD).status_code == 302
