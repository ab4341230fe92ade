"""The request id on every log line: set by RequestIdMiddleware, read by RequestIdFilter.

Its own module, importing no models: the logging configuration loads RequestIdFilter before
the apps are ready.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished

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
