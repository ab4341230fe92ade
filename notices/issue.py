"""Issuing an official document once: the plan's (PlanDocument) and a round's report
(ReportDocument) are claimed, rendered by a task worker, stored with their SHA-256, or marked
failed with the error, by the same functions.

A render is held by its task: while the queue says that task is waiting or running (a killed
worker's task is queued again within a minute by projects.queue.tasks_recover, under the
same id, and takes its document straight back), no other task may take it. Only when the
queue cannot say (tasks run inline) does the age of the claim decide. A ready document is
never rendered again.
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from notices.models import PlanDocument
from projects.models import AuditEvent

log = logging.getLogger(__name__)

Status = PlanDocument.Status  # ReportDocument.Status is the same vocabulary

STALE_AFTER = timedelta(minutes=10)


def holder_alive(document) -> bool:
    """Whether the task holding the document's RENDERING claim may still finish it."""
    if document.render_task_id:
        try:
            result = default_task_backend.get_result(document.render_task_id)
        except (TaskResultDoesNotExist, NotImplementedError):
            pass
        else:
            return not result.is_finished
    return document.started_at is not None and document.started_at > timezone.now() - STALE_AFTER


def claim(documents: QuerySet, task_id: str) -> bool:
    """Move the one document of ``documents`` to RENDERING for this task unless it is ready or
    another live task holds it; True if we got it."""
    with transaction.atomic():
        document = documents.select_for_update(of=("self",)).get()
        if document.is_ready:
            return False
        held = document.status == Status.RENDERING
        # The same task run again (recovered from a dead worker) takes its claim back.
        own = bool(task_id) and document.render_task_id == task_id
        if held and not own and holder_alive(document):
            return False
        type(document).objects.filter(pk=document.pk).update(
            status=Status.RENDERING,
            started_at=timezone.now(),
            error="",
            render_task_id=task_id,
        )
    return True


def render_stored(documents: QuerySet, *, task_id: str, render: Callable[[object], bytes]):
    """On a task worker: claim the document, ``render(document)`` its bytes and store them with
    their hash; a failure is stored as FAILED with its error. The document, or None when it
    was not ours to render or failed."""
    if not claim(documents, task_id):
        return None
    document = documents.get()
    model = type(document)
    try:
        content = render(document)
    except Exception as error:
        log.exception("rendering %s %s failed", model.__name__, document.pk)
        model.objects.filter(pk=document.pk).update(status=Status.FAILED, error=repr(error))
        return None
    model.objects.filter(pk=document.pk, status=Status.RENDERING).update(
        status=Status.READY,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        rendered_at=timezone.now(),
    )
    document.refresh_from_db()
    return document


def render_again(documents: QuerySet, *, by, kind, requeue: Callable[[], None], **event) -> bool:
    """Queue a render again on a person's request, recorded in the plan's history as an
    AuditEvent of ``kind`` (with ``event``'s fields); False, and nothing done, when the
    document is ready (it is never rendered again) or not owed at all."""
    with transaction.atomic():
        document = documents.select_for_update(of=("self",)).first()
        if document is None or document.is_ready:
            return False
        AuditEvent.objects.create(
            kind=kind,
            actor=by,
            changes={"document": [document.get_status_display(), _("ขอจัดทำอีกครั้ง")]},
            **event,
        )
        requeue()
    return True
