"""The plan's events reach the organization's LINE group (Messaging API, through a stand-in
on 127.0.0.1): one message per event, none without a channel, and a failure is logged and
retried later, never shown to the person who took the step."""

import logging
import uuid
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notices import services as notices
from projects.models import Role, Stage
from tests.support import add_project, make_user
from workflow import notify, services, tasks

KEY = str(uuid.uuid4())


@pytest.fixture
def plan(world, personas):
    add_project(world)
    return world["plan"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def at(plan, stage):
    plan.stage = stage
    plan.save(update_fields=["stage"])


def test_it_pushes_every_event_of_the_plan_once(
    plan, personas, world, line_api, line_group, committed, caplog
):
    at(plan, Stage.DRAFTING)
    with committed():
        services.plan_submit(plan=plan, by=personas["staff"])
    with committed():
        services.plan_vote(plan=plan, by=personas["member"], approve=False, comment="แก้งบประมาณ")
    at(plan, Stage.PROPOSED)
    with time_machine.travel(date(2021, 12, 20), tick=False), committed():
        notices.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=date(2021, 12, 20),
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายก",
        )
    texts = line_api.texts()
    assert len(line_api.pushes) == 3  # each accepted at the first try
    assert len(texts) == 3
    assert texts[0].startswith("ขอเชิญพิจารณาร่างแผนการดำเนินงาน (เสนอครั้งที่ 1)")
    assert texts[1].startswith("ร่างแผนการดำเนินงานถูกส่งกลับให้แก้ไข")
    assert "แก้งบประมาณ" in texts[1]
    assert texts[2].startswith("ประกาศใช้แผนการดำเนินงานแล้ว")
    assert all(plan.title in text for text in texts)
    push = line_api.pushes[0]
    assert push["path"] == "/v2/bot/message/push"
    assert push["authorization"] == "Bearer test-channel-token"
    assert push["body"]["to"] == line_group.line_group_id
    assert len({p["retry_key"] for p in line_api.pushes}) == 3
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_it_pushes_the_approval(plan, personas, world, line_api, line_group, committed):
    # One committee member (the persona): a majority of one approves.
    at(plan, Stage.COMMITTEE_REVIEW)
    plan.submissions.create(number=1, submitted_by=personas["staff"], content={})
    with committed():
        services.plan_vote(plan=plan, by=personas["member"], approve=True)
    [text] = line_api.texts()
    assert text.startswith("คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานแล้ว")


def test_it_sends_nothing_to_line_without_a_channel(plan, personas, line_api, committed):
    at(plan, Stage.DRAFTING)
    with committed():
        services.plan_submit(plan=plan, by=personas["staff"])
    assert line_api.pushes == []


def test_it_logs_a_failed_push_and_keeps_the_step(
    plan, personas, line_api, line_group, committed, caplog, login
):
    line_api.answers = [500]
    at(plan, Stage.DRAFTING)
    client = login(personas["staff"])
    with caplog.at_level(logging.ERROR, logger="workflow.notify"), committed():
        response = client.post(
            reverse("workflow:plan_action", args=[plan.pk, "submit"]), follow=True
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    page = response.content.decode()
    assert "LINE" not in page and "ผิดพลาด" not in page
    [record] = [r for r in caplog.records if r.name == "workflow.notify"]
    assert f"LINE message about plan {plan.pk} failed (attempt 1)" in record.getMessage()
    assert line_api.texts() == []


def test_it_tries_a_failed_push_again_later_with_the_same_retry_key(
    plan, personas, world, line_api, line_group, settings, caplog
):
    # On the database queue, where a task can wait: the retry is a task for later.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    line_api.answers = [503]
    before = timezone.now()
    with caplog.at_level(logging.ERROR, logger="workflow.notify"):
        assert tasks.line_send.call(world["org"].pk, plan.pk, "ทดสอบ", KEY, 1) == "failed"
    [retry] = DBTaskResult.objects.filter(task_path="workflow.tasks.line_send")
    assert retry.args_kwargs["args"] == [world["org"].pk, plan.pk, "ทดสอบ", KEY, 2]
    assert retry.run_after > before + timezone.timedelta(seconds=50)
    assert "tried again later" in caplog.records[0].getMessage()
    # The worker's second try reaches LINE, with the first try's retry key.
    assert tasks.line_send.call(*retry.args_kwargs["args"]) == "sent"
    assert [p["status"] for p in line_api.pushes] == [503, 200]
    assert line_api.texts() == ["ทดสอบ"]
    assert {p["retry_key"] for p in line_api.pushes} == {KEY}


def test_it_gives_up_after_the_last_attempt_and_on_a_refusal(
    plan, world, line_api, line_group, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    line_api.answers = [500, 401]
    last = notify.LINE_ATTEMPTS
    assert tasks.line_send.call(world["org"].pk, plan.pk, "ก", str(uuid.uuid4()), last) == "failed"
    assert tasks.line_send.call(world["org"].pk, plan.pk, "ข", str(uuid.uuid4()), 1) == "refused"
    assert not DBTaskResult.objects.exists()


def test_it_sends_one_mail_per_person_and_none_when_nobody_has_an_address(
    plan, personas, world, committed, mailoutbox
):
    at(plan, Stage.DRAFTING)
    with committed():
        services.plan_submit(plan=plan, by=personas["staff"])
    assert mailoutbox == []  # no committee member has an address: no empty message
    for i in (1, 2):
        member = make_user(f"c{i}", world["org"], Role.COMMITTEE_MEMBER)
        member.email = f"c{i}@example.org"
        member.save()
    at(plan, Stage.DRAFTING)
    with committed():
        services.plan_submit(plan=plan, by=personas["staff"])
    assert sorted(m.to[0] for m in mailoutbox) == ["c1@example.org", "c2@example.org"]
