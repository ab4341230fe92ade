"""The language switch on the citizens' pages (issue 16 item 11): the same address in either
language, and cached pages kept apart per language."""

from django.test import Client
from django.urls import reverse

from tests.support import add_project, announce, plan_url


def test_it_switches_a_citizen_to_english_on_the_same_address(world):
    add_project(world)
    plan = announce(world["plan"])
    citizen = Client(enforce_csrf_checks=True)  # the cached pages carry no CSRF token
    url = plan_url(plan)
    thai = citizen.get(url).content.decode()
    assert 'data-testid="language-switch"' in thai and 'value="en"' in thai
    response = citizen.post(
        reverse("public:language"), {"language": "en"}, HTTP_REFERER="http://testserver" + url
    )
    assert response.status_code == 302 and response.url == "http://testserver" + url
    english = citizen.get(url)
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()
    assert 'value="th"' in english.content.decode()
    # The Thai page cached a moment ago is not what an English reader gets, nor the reverse.
    assert Client().get(url)["Content-Language"] == "th"
    assert '<html lang="th">' in Client().get(url).content.decode()


def test_it_never_redirects_a_citizen_off_the_site(world):
    response = Client().post(
        reverse("public:language"), {"language": "en"}, HTTP_REFERER="https://evil.example/"
    )
    assert response.status_code == 302 and response.url == "/"
