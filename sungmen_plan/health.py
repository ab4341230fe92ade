"""/healthz for load balancers and monitoring: the database and the shared cache answer,
and how long the oldest task has been waiting for a worker.

503 only when the database or the cache cannot be reached: those make this web process
useless. A queue without workers is reported (workers, oldest_task_wait_seconds) but keeps
200, or a balancer would take every web machine out because the task workers are down.
"""

import logging
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from projects import queue

log = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.exception("health check: database unreachable")
        return False


def _cache() -> bool:
    probe = uuid.uuid4().hex
    try:
        cache.set("healthz", probe, 30)
        return cache.get("healthz") == probe
    except Exception:
        log.exception("health check: cache unreachable")
        return False


@login_not_required
@require_safe
def healthz(request):
    body = {"database": _database(), "cache": _cache()}
    healthy = body["database"] and body["cache"]
    if body["database"]:
        age = queue.oldest_waiting_age()
        body["oldest_task_wait_seconds"] = round(age.total_seconds(), 1) if age else 0
    if body["cache"]:
        body["workers"] = queue.workers_running()
    body["status"] = "ok" if healthy else "unavailable"
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
