import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.utils import translation


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose another language with the switch in the menu.

    Django's LocaleMiddleware follows the browser's Accept-Language, and office computers in
    Thailand often say en-US while their users read Thai; the choice made in the menu (the
    language cookie set by set_language) is what counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# What a proxy may hand over as the request's id: short, and nothing that could forge a log
# line (a newline, a space).
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    """Every log line of a request carries one id, also sent back as X-Request-ID, so the line
    in the log and the page the user saw can be matched. A proxy's X-Request-ID is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is closed (request_finished), not only while the
        # middleware runs: Django logs a 4xx/5xx response ("Not Found: …") after the chain.
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _forget_request_id(**kwargs):
    _request_id.set("-")


request_finished.connect(_forget_request_id)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True
