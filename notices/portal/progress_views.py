"""Citizens' downloads of a plan's progress and of its announced monitoring reports.

Reached like every plan address, through views.find_plan (announced plans only), whose plan
carries its latest closed round (notices/portal/progress.py): nothing of an open round.
"""

from django.http import Http404, HttpResponse

from notices.portal import progress, progress_exports
from notices.portal.cache import cached_response, plans_state
from notices.portal.views import DOWNLOADS, find_plan, issued_pdf, public_page
from notices.services import public_url
from projects.models import OperationsPlan


@public_page
def report_pdf(request, org_slug, fiscal_year, kind, supplement=0):
    """A monitoring round's announced report as issued; 404 until it is announced and ready."""
    plan, _ = find_plan(org_slug, fiscal_year, supplement)
    document = progress.report_document(plan, kind)
    if document is None:
        raise Http404
    document.round.plan = plan
    return issued_pdf(request, document, document.round.file_name("pdf"))


@public_page
def progress_download(request, org_slug, fiscal_year, fmt, supplement=0):
    """The latest closed round's entries; 404 while no round of the plan is closed."""
    plan, siblings = find_plan(org_slug, fiscal_year, supplement)
    if plan.progress_round_id is None:
        raise Http404
    parts = ("progress", plans_state(siblings), plan.pk, progress.rounds_state(plan))
    return cached_response(request, parts, lambda: progress_export(plan, fmt))


def progress_export(plan: OperationsPlan, fmt: str) -> HttpResponse:
    latest, _reports = progress.plan_rounds(plan)
    entries = progress.public_progress(latest).figures.entries
    for entry in entries:
        entry.round = latest
    if fmt == "csv":
        content = progress_exports.to_csv(entries)
    else:
        write = progress_exports.to_xlsx if fmt == "xlsx" else progress_exports.to_json
        content = write(plan, latest, entries, public_url(plan))
    content_type, disposition = DOWNLOADS[fmt]
    filename = latest.file_name(fmt)
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )
