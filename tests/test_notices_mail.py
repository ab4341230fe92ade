"""E-mail that fails must not fail the step it reports on: the step is already committed."""

import logging
import smtplib

from django.core.mail.backends.base import BaseEmailBackend

from projects.models import Stage
from tests.support import add_project
from workflow import services


class BrokenBackend(BaseEmailBackend):
    """A mail server that hangs up, as a real one does when it is down or refuses login."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_it_logs_a_notification_it_cannot_send_and_keeps_the_step(
    world, personas, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    personas["member"].email = "member@example.org"
    personas["member"].save()
    plan = world["plan"]
    add_project(world)
    services.plan_start_drafting(plan=plan, by=personas["staff"])

    with (
        caplog.at_level(logging.ERROR, logger="workflow.notify"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        services.plan_submit(plan=plan, by=personas["staff"])

    assert callbacks, "the notification must have been sent after commit"
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert f"about plan {plan.pk} failed" in record.getMessage()
    assert isinstance(record.exc_info[1], smtplib.SMTPServerDisconnected)
