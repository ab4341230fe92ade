"""`manage.py check --deploy` warns about a SITE_URL left local (issue 16 item 14)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def _deploy_warnings(capsys) -> str:
    try:
        call_command("check", deploy=True, fail_level="WARNING")
    except SystemCheckError as error:
        return str(error)
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost", "", "http://x.localhost"]
)
def test_it_warns_when_site_url_is_local_or_unset(settings, capsys, url):
    settings.SITE_URL = url
    assert "projects.W001" in _deploy_warnings(capsys)


def test_it_accepts_a_public_site_url(settings, capsys):
    settings.SITE_URL = "https://plan.example.go.th"
    assert "projects.W001" not in _deploy_warnings(capsys)


def test_it_stays_quiet_outside_deploy_checks(settings, capsys):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("check")
    assert "projects.W001" not in capsys.readouterr().out
