"""The recovery sweep (manage.py render_documents, and every worker's heartbeat): a task
left RUNNING by a worker that stopped beating goes back to the queue under its id; a live
worker's task, and a finished one, are left alone; owed documents get a render queued."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notices import tasks
from notices.models import PlanDocument
from projects import queue


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_WORKER_HEARTBEAT = 10


def running(plan, worker, started_seconds_ago):
    result = tasks.document_render.enqueue(plan.pk)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timezone.timedelta(seconds=started_seconds_ago),
        worker_ids=[worker],
    )
    return result.id


def status(task_id):
    return DBTaskResult.objects.get(id=task_id).status


def test_it_queues_again_only_the_tasks_of_silent_workers(database_queue, world):
    plan = world["plan"]
    queue.heartbeat("alive-1")
    dead = running(plan, "dead-1", started_seconds_ago=120)
    alive = running(plan, "alive-1", started_seconds_ago=120)
    just_claimed = running(plan, "starting-1", started_seconds_ago=1)

    assert queue.tasks_recover() == [str(dead)]
    assert status(dead) == TaskResultStatus.READY
    assert DBTaskResult.objects.get(id=dead).started_at is None
    assert status(alive) == status(just_claimed) == TaskResultStatus.RUNNING
    cache.delete(queue.ALIVE_KEY + "alive-1")  # the live one dies too
    assert queue.tasks_recover() == [str(alive)]


def test_it_sweeps_and_queues_owed_documents_from_the_command(database_queue, world):
    plan = world["plan"]
    PlanDocument.objects.create(plan=plan, status=PlanDocument.Status.FAILED)
    dead = running(plan, "dead-2", started_seconds_ago=600)
    out = io.StringIO()
    call_command("render_documents", stdout=out)
    assert status(dead) == TaskResultStatus.READY
    assert f"งาน {dead}" in out.getvalue()
    assert f"แผน {plan.pk}: ส่งเข้าคิวจัดทำเอกสาร" in out.getvalue()
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert queued.count() == 2  # the recovered task and the new render
    assert PlanDocument.objects.get(plan=plan).status == PlanDocument.Status.FAILED  # not here


def test_it_says_whether_any_worker_beats(database_queue, db):
    assert queue.workers_running() is False
    queue.heartbeat("w")
    assert queue.workers_running() is True
