"""The announcement step, and downloads of the plan document: the draft, rendered by a task
worker on request and kept while unchanged (notices.drafts).

pdf_response is the one place every PDF of a plan gets its headers, here and on the public
pages; its name comes from OperationsPlan.file_name.
"""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from notices import drafts, services
from projects import queue
from projects.access import get_plan_for_user
from projects.models import Action
from workflow.views import run_step


def pdf_response(
    content: bytes, sha256: str, filename: str, disposition: str = "attachment"
) -> HttpResponse:
    """A PDF with its name and SHA-256: the announced document's hash is published on the
    plan's pages, so the header lets anyone check that the bytes are the issued ones."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-SHA256"] = sha256
    return response


def pending(request, template: str, context: dict, *, refresh: int) -> HttpResponse:
    """202 with a page that says the PDF is on its way, and reloads itself until it is."""
    response = render(request, template, context, status=202)
    response["Refresh"] = str(refresh)
    response["Cache-Control"] = "no-store"
    return response


def private_pdf(content: bytes, filename: str) -> HttpResponse:
    """A PDF made on request (a draft, a certificate): it changes with every edit, so no
    browser or proxy may keep an old one."""
    response = pdf_response(content, hashlib.sha256(content).hexdigest(), filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def draft_pdf(request, plan_id):
    # Any member of the plan's organization may read the draft (staff, committee, executive);
    # another organization's plan answers 404.
    plan = get_plan_for_user(request.user, plan_id)
    # A missing PDF is queued once; the browser is told to come back, and a second click, or
    # the page's own refresh, finds it queued and waits.
    pdf = drafts.draft_request(plan, thai_digits=request.GET.get("digits") == "thai")
    if pdf is None:
        context = {"plan": plan, "workers_running": queue.workers_running()}
        return pending(request, "notices/draft_pending.html", context, refresh=2)
    return private_pdf(pdf, plan.file_name("pdf", draft=True))


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
