"""The task queue as every app uses it: enqueueing in the caller's transaction, the workers'
heartbeats, and giving a dead worker's task to another.

Tasks are Django's Tasks API (the django-tasks backport; `django.tasks` from Django 6 on) on
the database backend of django-tasks-db. That backend has no lease: a worker killed with
SIGKILL (or a machine that lost power) leaves its task RUNNING for ever. So every worker
(`manage.py task_worker`) writes a heartbeat into the shared cache, and any worker, or the
daily `render_documents`, hands a RUNNING task whose worker has gone quiet back to the
queue, under the same id. Tasks are therefore run at least once: each one must be
idempotent (the document claim, the Reminder row, the draft cache key make them so).
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks.backends.immediate import ImmediateBackend

log = logging.getLogger(__name__)

ALIVE_KEY = "task-worker-alive:"
LAST_SEEN_KEY = "task-workers-last-seen"
# A worker silent for this many heartbeats is taken for dead.
MISSED_BEATS = 3


def enqueue(task, *args, run_after=None):
    """Enqueue `task` with JSON-serialisable `args`, as part of the caller's transaction.

    On the database backend the task is a row inserted on the caller's connection: it
    commits with the caller's work, or vanishes with its rollback, and no worker sees it
    before the commit. The immediate backend (the tests) would run it at once, before the
    commit, so it is run on commit instead, which is when a worker would first see it.
    """
    if run_after is not None:
        task = task.using(run_after=run_after)
    if isinstance(task.get_backend(), ImmediateBackend):
        transaction.on_commit(lambda: task.enqueue(*args))
        return None
    return task.enqueue(*args)


def runs_inline() -> bool:
    """True when tasks run at once (the tests) rather than on a worker."""
    # The backend itself: default_task_backend is a proxy that isinstance cannot see through.
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def can_defer(task) -> bool:
    return task.get_backend().supports_defer


def worker_id() -> str:
    """Unique across machines: host name and process id."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}"


def dead_after() -> timedelta:
    return timedelta(seconds=settings.TASK_WORKER_HEARTBEAT * MISSED_BEATS)


def heartbeat(worker: str) -> None:
    ttl = int(dead_after().total_seconds()) + 1
    now = timezone.now().isoformat()
    cache.set_many({ALIVE_KEY + worker: now, LAST_SEEN_KEY: now}, ttl)


def heartbeat_stop(worker: str) -> None:
    cache.delete(ALIVE_KEY + worker)


def workers_running() -> bool:
    """Whether some worker has beaten lately; always true when tasks run inline."""
    return runs_inline() or cache.get(LAST_SEEN_KEY) is not None


def tasks_recover() -> list[str]:
    """Put back in the queue each RUNNING task whose worker has stopped beating; the ids."""
    from django_tasks_db.models import DBTaskResult  # a model: import after app loading

    # A task only just claimed belongs to a worker that beat a moment ago: leave it be.
    started_before = timezone.now() - dead_after()
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=started_before
    ).values_list("id", "worker_ids")
    abandoned = [
        str(task_id)
        for task_id, workers in running
        if not workers or cache.get(ALIVE_KEY + workers[-1]) is None
    ]
    if not abandoned:
        return []
    # status=RUNNING again in the UPDATE: a task that finished meanwhile is left finished.
    DBTaskResult.objects.filter(id__in=abandoned, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
    log.warning("tasks of dead workers queued again: %s", ", ".join(abandoned))
    return abandoned


def oldest_waiting_age() -> timedelta | None:
    """How long the oldest task ready to run has waited, or None when none waits."""
    if runs_inline():
        return None
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by().aggregate(m=Min("enqueued_at"))["m"]
    return timezone.now() - oldest if oldest else None
