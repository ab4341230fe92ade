"""The daily check queues each reminder once (e-mail to planning staff, LINE to the
organization's group); a task worker sends them."""

import io
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from notices import services as notices
from notices.models import Reminder
from projects.models import Role
from tests.support import ANNOUNCED, make_user


@pytest.fixture
def check(django_capture_on_commit_callbacks):
    """Run the daily check, then what it queued, as the cron job and a worker would."""

    def run(day, out=None):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("check_posting_deadlines", "--date", str(day), stdout=out or io.StringIO())

    return run


@pytest.fixture
def staff_mail(personas):
    personas["staff"].email = "staff@example.org"
    personas["staff"].save()


def test_it_reminds_once_before_the_posting_deadline(announced, staff_mail, world, check):
    make_user("staff2", world["org"], Role.PLANNING_STAFF)  # no e-mail: no message
    out = io.StringIO()
    check("2021-12-24", out)
    assert mail.outbox == []  # three days before: too early
    for _ in range(2):
        check("2021-12-25", out)
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    assert "27 ธันวาคม พ.ศ. 2564" in mail.outbox[0].subject
    assert Reminder.objects.filter(kind="post_by").count() == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("อบต.sungmen | แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565")
    assert "ปิดประกาศภายใน 27 ธ.ค. 64" in lines[0]


def test_it_only_queues_and_sends_nothing_itself(announced, staff_mail):
    # No worker runs the queued tasks here: the command has sent nothing.
    call_command("check_posting_deadlines", "--date", "2021-12-25", stdout=io.StringIO())
    assert mail.outbox == []
    assert Reminder.objects.get(kind="post_by").recipients == 1


def test_it_sends_no_reminder_to_a_disabled_account(announced, staff_mail, world, check):
    left = make_user("left", world["org"], Role.PLANNING_STAFF)
    left.email, left.is_active = "left@example.org", False
    left.save()
    check("2021-12-25")
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]


def test_it_reminds_once_not_to_take_the_notice_down_early(announced, personas, staff_mail, check):
    notices.posting_record(
        plan=announced, by=personas["staff"], place="office", posted_on=ANNOUNCED
    )
    keep_until = ANNOUNCED + timedelta(days=21)
    for day in (keep_until - timedelta(days=2), keep_until - timedelta(days=1)):
        check(day)
    subjects = [m.subject for m in mail.outbox]
    assert sum("ห้ามปลดประกาศ" in s for s in subjects) == 1
    assert "10 มกราคม พ.ศ. 2565" in next(s for s in subjects if "ห้ามปลดประกาศ" in s)
    assert not any("ปลดประกาศได้แล้ว" in s for s in subjects)


def test_it_says_once_when_the_notice_may_come_down(announced, personas, staff_mail, check):
    notices.posting_record(
        plan=announced, by=personas["staff"], place="office", posted_on=ANNOUNCED
    )
    keep_until = ANNOUNCED + timedelta(days=21)
    for day in (keep_until, keep_until + timedelta(days=1)):
        check(day)
    allowed = [m for m in mail.outbox if "ปลดประกาศแผนการดำเนินงานได้แล้ว" in m.subject]
    assert len(allowed) == 1
    assert "10 มกราคม พ.ศ. 2565" in allowed[0].body


def test_it_pushes_the_reminder_to_the_line_group(
    announced, staff_mail, line_api, line_group, check
):
    check("2021-12-25")
    check("2021-12-26")
    [text] = line_api.texts()
    assert text.startswith("ปิดประกาศแผนการดำเนินงานภายใน 27 ธันวาคม พ.ศ. 2564")
    assert line_api.pushes[0]["body"]["to"] == line_group.line_group_id


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_it_checks_every_plan_even_when_the_mail_server_is_down(
    announced, staff_mail, settings, check, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    out = io.StringIO()
    with caplog.at_level(logging.ERROR, logger="workflow.notify"):
        check("2021-12-25", out)
    assert "ปิดประกาศภายใน 27 ธ.ค. 64" in out.getvalue()
    assert any("failed" in r.getMessage() for r in caplog.records if r.name == "workflow.notify")
