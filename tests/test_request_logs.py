"""Log lines carry their time, level and the request's id; the id is sent back as
X-Request-ID (a proxy's own id is kept, a forged one replaced); errors go to ADMINS."""

import io
import logging
import re

import pytest
from django.core import mail

from sungmen_plan.requestid import RequestIdFilter


@pytest.fixture
def console():
    """What the console handler of the settings' LOGGING writes during the test."""
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler)
        and any(isinstance(f, RequestIdFilter) for f in h.filters)
    ]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_it_logs_with_time_level_and_the_proxys_request_id(client, db, console):
    response = client.get("/no-such-page/", headers={"X-Request-ID": "proxy-id-42"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "proxy-id-42"
    [line] = [line for line in console.getvalue().splitlines() if "Not Found" in line]
    assert re.match(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING \[proxy-id-42\] django\.request", line
    )


def test_it_makes_up_an_id_when_none_or_a_forged_one_is_given(client, db):
    made_up = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made_up)
    forged = client.get("/healthz", headers={"X-Request-ID": "x\nFAKE ERROR line"})
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_it_mails_errors_to_the_admins(settings, db):
    settings.ADMINS = [("ops@example.org", "ops@example.org")]
    logging.getLogger("notices.services").error("rendering the document of plan 1 failed")
    [message] = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "rendering the document of plan 1 failed" in message.subject
