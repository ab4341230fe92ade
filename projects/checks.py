"""Deployment checks (``manage.py check --deploy``) for settings Django does not know about."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", ""}


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """SITE_URL is printed as the QR code on every notice and written into every e-mail: left
    at its development default, citizens would scan an address that leads nowhere."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL!r}, a local address: the QR code on the "
                "notices and the links in e-mail would lead nowhere.",
                hint="Set SITE_URL to the public address, e.g. https://plan.example.go.th.",
                id="projects.W001",
            )
        ]
    return []
