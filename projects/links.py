"""Absolute addresses, for what leaves the site: QR codes, e-mail, downloaded files."""

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, *args, **kwargs) -> str:
    """``reverse(viewname)`` prefixed with SITE_URL, the address citizens and staff reach."""
    path = reverse(viewname, args=args or None, kwargs=kwargs or None)
    return settings.SITE_URL.rstrip("/") + path
