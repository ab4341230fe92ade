"""The announcement step, and downloads of the plan document: the draft, rendered on request
and kept while unchanged.

pdf_response is the one place every PDF of a plan gets its headers, here and on the public
pages; its name comes from OperationsPlan.file_name.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from notices import services
from notices.pdf import html_to_pdf, render_plan_html
from projects.access import get_plan_for_user
from projects.models import Action
from workflow.views import run_step

DRAFT_KEPT_FOR = 60 * 60
RENDER_LOCK_FOR = 120


def pdf_response(
    content: bytes, sha256: str, filename: str, disposition: str = "attachment"
) -> HttpResponse:
    """A PDF with its name and SHA-256: the announced document's hash is published on the
    plan's pages, so the header lets anyone check that the bytes are the issued ones."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-SHA256"] = sha256
    return response


def _render_draft(html: str, key: str) -> None:
    try:
        cache.set(key, html_to_pdf(html), DRAFT_KEPT_FOR)
    finally:
        cache.delete(key + ":rendering")


@require_safe
def draft_pdf(request, plan_id):
    # Any member of the plan's organization may read the draft (staff, committee, executive);
    # another organization's plan answers 404.
    plan = get_plan_for_user(request.user, plan_id)
    html = render_plan_html(
        plan, draft=True, thai_digits_in_forms=request.GET.get("digits") == "thai"
    )
    # Laying out 300 projects takes seconds; building the HTML a quarter of one. The PDF is
    # kept under the hash of its HTML: an unchanged draft is served at once. A missing one is
    # rendered once, in the background, while the browser is told to come back: a second
    # click, or the page's own refresh, finds it being rendered and waits.
    key = "draft-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None and cache.add(key + ":rendering", True, RENDER_LOCK_FOR):
        if settings.NOTICES_RENDER_IN_BACKGROUND:
            threading.Thread(target=_render_draft, args=(html, key), daemon=True).start()
        else:
            _render_draft(html, key)
            pdf = cache.get(key)
    if pdf is None:
        response = render(request, "notices/draft_pending.html", {"plan": plan}, status=202)
        response["Refresh"] = "2"
        response["Cache-Control"] = "no-store"
        return response
    response = pdf_response(pdf, hashlib.sha256(pdf).hexdigest(), plan.file_name("pdf", draft=True))
    # A draft changes with every edit: no browser or proxy may keep an old one.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def plan_announce(request, plan_id):
    """The executive's step: answered like every step button (workflow.views.run_step), with
    the announcement composed here because it issues the notice too."""
    return run_step(
        request,
        plan_id,
        Action.ANNOUNCE,
        lambda plan, by, data: services.plan_announce(plan=plan, by=by, **data),
    )
