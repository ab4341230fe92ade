"""PDFs made on request (a plan's draft, a round's draft report, the certificate of posting of
either notice): rendered by a task worker, kept in the shared cache while what they show is
unchanged.

Laying out 300 projects takes seconds; building the HTML a quarter of one. The PDF is kept
under the hash of its content (content_key), so an unchanged draft is served at once and an
edited one is rendered anew. A lock beside the key says a render is queued or under way: it
is released by the task when it ends, however it ends, so it lasts exactly as long as the
render (a worker killed mid-way is recovered with its task, and its successor releases it).
Its timeout is only a last resort for a task that vanished from the queue.

The subject of a draft is a plan (kinds PLAN, CERTIFICATE) or a monitoring round (REPORT,
CERTIFICATE of the report's notice); each has its task, which loads it again by id.
"""

import hashlib

from django.core.cache import cache

from notices import tasks
from notices.certificate import certificate_html
from notices.pdf import html_to_pdf, render_plan_html
from notices.report_pdf import render_report_html
from projects import queue
from projects.models import MonitoringRound, OperationsPlan

DRAFT_KEPT_FOR = 60 * 60
LOCK = ":rendering"


def draft_key(html: str) -> str:
    return "draft-pdf:" + hashlib.sha256(html.encode()).hexdigest()


PLAN = "plan"
CERTIFICATE = "certificate"
REPORT = "report"


def draft_html(subject, *, kind: str = PLAN, thai_digits: bool = False, cut_words=True) -> str:
    if kind == CERTIFICATE:
        return certificate_html(subject, cut_words=cut_words)
    if kind == REPORT:
        return render_report_html(subject, draft=True, thai_digits=thai_digits, cut_words=cut_words)
    return render_plan_html(
        subject, draft=True, thai_digits_in_forms=thai_digits, cut_words=cut_words
    )


def content_key(subject, *, kind: str, thai_digits: bool) -> str:
    """The draft's key: the hash of its HTML without the word breaks, which follow from the
    same text. Cutting 300 projects' text into words would cost the web process the word
    dictionaries (about 70 MB, kept) on every request; the worker does that part."""
    return draft_key(draft_html(subject, kind=kind, thai_digits=thai_digits, cut_words=False))


def draft_request(subject, *, kind: str = PLAN, thai_digits: bool = False) -> bytes | None:
    """The PDF if it is ready; otherwise None, with its render queued exactly once."""
    key = content_key(subject, kind=kind, thai_digits=thai_digits)
    pdf = cache.get(key)
    if pdf is None and cache.add(key + LOCK, True, DRAFT_KEPT_FOR):
        is_round = isinstance(subject, MonitoringRound)
        task = tasks.round_draft_render if is_round else tasks.draft_render
        queue.enqueue(task, subject.pk, kind, thai_digits, key)
        pdf = cache.get(key)  # rendered already when tasks run inline
    return pdf


def draft_render(*, plan_id: int, kind: str, thai_digits: bool, key: str) -> str:
    plan = OperationsPlan.objects.select_related("organization", "period").get(pk=plan_id)
    return _render(plan, kind=kind, thai_digits=thai_digits, key=key)


def round_draft_render(*, round_id: int, kind: str, thai_digits: bool, key: str) -> str:
    round = MonitoringRound.objects.select_related("plan__organization", "plan__period").get(
        pk=round_id
    )
    return _render(round, kind=kind, thai_digits=thai_digits, key=key)


def _render(subject, *, kind: str, thai_digits: bool, key: str) -> str:
    """On the worker: the HTML is built again here rather than carried in the queue. If the
    subject changed since the request, the PDF is kept under the new content's key, which the
    next request asks for; the requested key's lock is released either way."""
    html = draft_html(subject, kind=kind, thai_digits=thai_digits)
    rendered_key = content_key(subject, kind=kind, thai_digits=thai_digits)
    try:
        cache.set(rendered_key, html_to_pdf(html), DRAFT_KEPT_FOR)
    finally:
        cache.delete_many([key + LOCK, rendered_key + LOCK])
    return rendered_key
