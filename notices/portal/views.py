"""Citizens' pages: the announced plans, in public, without logging in.

Every plan reaches these views through ``find_plan`` or ``announced_plans``, both built on
``OperationsPlan.objects.announced()``; projects are read only through a plan found that way.
A plan that is not announced, a project of such a plan and a plan that does not exist all
answer the same 404 page, so a draft's existence is not even confirmed.

Query counts are constant (asserted in tests/test_public_queries.py): a page loads its plan,
the plan's projects with their details and villages in one go, and filters, charts and
totals are computed from that list in Python.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseNotModified, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from notices.models import PlanDocument, Posting
from notices.portal import charts, progress, progress_exports
from notices.portal.cache import MAX_AGE, cached_response, plans_state
from notices.portal.filters import PublicPlanFilterForm, asks_for_filter
from notices.posting import keep_until
from notices.services import public_url
from notices.status import posting_rule
from notices.views import pdf_response
from projects import exports, thai
from projects.figures import BASES
from projects.models import OperationsPlan, Project
from projects.tables import plan_tables

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "attachment"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    "json": ("application/json; charset=utf-8", "inline"),
}


def public_page(view):
    """No login, GET only, and our own 404 page that names nothing of what was asked for.

    Compressed, since a plan of 300 projects is ~400 KiB of HTML for a phone on mobile data;
    BREACH does not apply, as these pages hold no secret (no CSRF token, no session data).
    Cached pages come compressed already (notices/portal/cache.py); gzip_page leaves a
    response with a Content-Encoding alone. Marked ``public_page`` for
    sungmen_plan.middleware.PublicPagesFirst, which calls such a view before the session and
    authentication middleware: it reads neither.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return render(request, "public/404.html", status=404)

    public = login_not_required(require_safe(gzip_page(wrapper)))
    public.public_page = True
    return public


def announced_plans():
    # The organization's rules come along for postings_for: one join, not a query per plan.
    return OperationsPlan.objects.announced().select_related(
        "organization__rules", "period", "announcement"
    )


def find_plan(org_slug: str, fiscal_year: int, supplement: int = 0):
    """The announced plan at this address and all announced plans of its organization,
    each with its latest closed round and rounds' state (notices/portal/progress.py)."""
    plans = list(progress.with_rounds(announced_plans().filter(organization__slug=org_slug)))
    for plan in plans:
        if plan.fiscal_year == fiscal_year and plan.supplement_number == supplement:
            return plan, plans
    raise Http404


# The URL arguments of a plan's public addresses.
plan_kwargs = OperationsPlan.public_kwargs


def plan_document(plan: OperationsPlan) -> PlanDocument | None:
    """The issued PDF of the announcement when it is ready, without loading its bytes."""
    document = (
        PlanDocument.objects.filter(plan=plan, status=PlanDocument.Status.READY)
        .defer("content")
        .first()
    )
    if document is not None:
        # Its address is built from the plan: reuse the one loaded rather than query it again.
        document.plan = plan
    return document


@dataclass(frozen=True)
class PostingNotice:
    posted_from: date
    posted_until: date


def postings_for(plans: list[OperationsPlan]) -> dict[int, PostingNotice]:
    """When each plan's notice went up and until when it stays, in one query for all.

    The plans come from announced_plans, with their organization's rules already loaded.
    """
    by_plan: dict[int, list[Posting]] = {}
    # The website posting is this very page, which never comes down: counting it would
    # keep every notice "still up".
    # A round's report has postings of its own (Posting.round): they are not the plan's notice.
    own_notice = Posting.objects.filter(plan__in=plans, round__isnull=True)
    for posting in own_notice.exclude(place=Posting.Place.WEBSITE):
        by_plan.setdefault(posting.plan_id, []).append(posting)
    notices = {}
    for plan in plans:
        postings = by_plan.get(plan.pk)
        if not postings:
            continue
        posted_from = min(p.posted_on for p in postings)
        if any(p.taken_down_on is None for p in postings):
            # Still up: the earliest day the first notice may lawfully come down.
            posted_until = keep_until(posted_from, posting_rule(plan.organization))
        else:
            posted_until = max(p.taken_down_on for p in postings)
        notices[plan.pk] = PostingNotice(posted_from, posted_until)
    return notices


@public_page
def plan_detail(request, org_slug, fiscal_year, supplement=0):
    plan, siblings = find_plan(org_slug, fiscal_year, supplement)
    document = plan_document(plan)
    # A PDF stored after the page was cached must show up: its hash is part of the key.
    # So must a round closed, a report announced or its PDF issued: rounds_state.
    parts = (
        "plan",
        plans_state(siblings),
        plan.pk,
        getattr(document, "sha256", None),
        progress.rounds_state(plan),
    )
    return cached_response(
        request,
        parts,
        lambda: _render_plan(request, plan, siblings, document),
        fresh=asks_for_filter(request.GET),
    )


def _summary(projects: list[Project]) -> dict:
    own = [p for p in projects if p.ownership == Project.Ownership.OWN]
    other = [p for p in projects if p.ownership != Project.Ownership.OWN]
    return {
        "count": len(projects),
        "total": sum((p.total for p in projects), Decimal(0)),
        "own_count": len(own),
        "own_total": sum((p.total for p in own), Decimal(0)),
        "other_count": len(other),
        "other_total": sum((p.total for p in other), Decimal(0)),
    }


def _render_plan(request, plan, siblings, document):
    projects = list(Project.objects.filter(plan=plan).with_details())
    # Bound only to a filter or search, so that ?x=1 renders (and is cached as) the plain page.
    query = request.GET if asks_for_filter(request.GET) else None
    filters = PublicPlanFilterForm(query, projects=projects)
    shown = projects
    if filters.is_filtered:
        matching = filters.matching(Project.objects.filter(plan=plan))
        ids = set(matching.values_list("id", flat=True))
        shown = [p for p in projects if p.pk in ids]
    kwargs = plan_kwargs(plan)
    for p in shown:
        p.url = reverse("public:project", kwargs={**kwargs, "project_id": p.pk})
    for sibling in siblings:
        sibling.url = reverse("public:plan", kwargs=plan_kwargs(sibling))
    latest, reports = progress.plan_rounds(plan)
    plan_progress = progress.public_progress(latest)
    if plan_progress:
        for p in shown:
            p.public_entry = plan_progress.by_project.get(p.pk)
    context = {
        "plan": plan,
        "organization": plan.organization,
        "announcement": plan.announcement,
        "siblings": [s for s in siblings if s.pk != plan.pk],
        "summary": _summary(projects),
        "filters": filters,
        "tables": plan_tables(shown),
        "charts": [] if filters.is_filtered else charts.plan_charts(projects, plan.fiscal_year),
        "plan_url": reverse("public:plan", kwargs=kwargs),
        "downloads": [
            (fmt.upper(), reverse("public:download", kwargs={**kwargs, "fmt": fmt}))
            for fmt in DOWNLOADS
        ],
        # The same files with only the rows shown, when a filter or search finds some.
        "filtered_downloads": [
            (
                fmt.upper(),
                reverse("public:download", kwargs={**kwargs, "fmt": fmt})
                + "?"
                + _filter_query(filters),
            )
            for fmt in DOWNLOADS
        ]
        if filters.is_filtered and shown
        else [],
        "filter_names": filters.described() if filters.is_filtered else {},
        "columns": exports.COLUMNS,
        "document": document,
        "posting": postings_for([plan]).get(plan.pk),
        "progress": plan_progress,
        "progress_charts": charts.progress_charts(plan_progress.figures) if plan_progress else [],
        "progress_downloads": [
            (fmt.upper(), reverse("public:progress_download", kwargs={**kwargs, "fmt": fmt}))
            for fmt in DOWNLOADS
        ]
        if plan_progress
        else [],
        "progress_columns": progress_exports.PROGRESS_COLUMNS,
        "bases": BASES,
        "reports": [
            (report, reverse("public:report_pdf", kwargs={**kwargs, "kind": report.round.kind}))
            for report in reports
        ],
    }
    return render(request, "public/plan_detail.html", context)


def _filter_query(filters: PublicPlanFilterForm) -> str:
    query = QueryDict(mutable=True)
    for name, value in filters.cleaned_data.items():
        if value not in (None, ""):
            query[name] = value
    return query.urlencode()


@public_page
def project_detail(request, org_slug, fiscal_year, project_id, supplement=0):
    plan, siblings = find_plan(org_slug, fiscal_year, supplement)
    return cached_response(
        request,
        ("project", plans_state(siblings), plan.pk, progress.rounds_state(plan)),
        lambda: _render_project(request, plan, project_id),
    )


def _render_project(request, plan, project_id):
    project = get_object_or_404(
        Project.objects.with_details().prefetch_related("budget_lines"), plan=plan, pk=project_id
    )
    entry = progress.project_entry(plan, project.pk)
    context = {
        "plan": plan,
        "organization": plan.organization,
        "project": project,
        "lines": project.budget_lines.all(),
        "guideline": f"{project.strategy.number}.{project.guideline.number} "
        f"{project.guideline.name}",
        "plan_url": reverse("public:plan", kwargs=plan_kwargs(plan)),
        "entry": entry,
        "budget_base": BASES["budget"],
        "actual_start": _month(entry.actual_start) if entry else "",
        "actual_end": _month(entry.actual_end) if entry else "",
    }
    return render(request, "public/project_detail.html", context)


def _month(day: date | None) -> str:
    """The month a record names (its first day): "ม.ค. 2565"."""
    if day is None:
        return ""
    return f"{thai.month_abbr(day.month, lang=get_language())} {thai.buddhist_year(day)}"


@public_page
def download(request, org_slug, fiscal_year, fmt, supplement=0):
    plan, siblings = find_plan(org_slug, fiscal_year, supplement)
    parts = ("download", plans_state(siblings), plan.pk)
    # A filtered download, like a filtered page, is built every time and never kept.
    return cached_response(
        request,
        parts,
        lambda: export(plan, fmt, request.GET),
        fresh=asks_for_filter(request.GET),
    )


def export(plan: OperationsPlan, fmt: str, query=None) -> HttpResponse:
    projects = Project.objects.filter(plan=plan).with_details()
    criteria, suffix = None, ""
    if query and asks_for_filter(query):
        projects = list(projects.prefetch_related("budget_lines"))
        filters = PublicPlanFilterForm(query, projects=projects)
        if filters.is_filtered:
            ids = set(
                filters.matching(Project.objects.filter(plan=plan)).values_list("id", flat=True)
            )
            projects = [p for p in projects if p.pk in ids]
            criteria, suffix = filters.described(), filters.file_suffix()
    if fmt == "csv":
        content = exports.to_csv(list(projects))
    else:
        if not isinstance(projects, list):
            projects = list(projects.prefetch_related("budget_lines"))
        write = exports.to_xlsx if fmt == "xlsx" else exports.to_json
        content = write(plan, projects, public_url(plan), criteria)
    content_type, disposition = DOWNLOADS[fmt]
    filename = plan.file_name(fmt, suffix=suffix)
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@public_page
def document_pdf(request, org_slug, fiscal_year, supplement=0):
    """The signed plan exactly as issued: the stored bytes, whose SHA-256 the page shows."""
    plan, _ = find_plan(org_slug, fiscal_year, supplement)
    document = PlanDocument.objects.filter(plan=plan, status=PlanDocument.Status.READY).first()
    if document is None:
        raise Http404
    # Inline: a citizen following the QR code reads the notice in the browser's viewer.
    return issued_pdf(request, document, plan.file_name("pdf"))


def issued_pdf(request, document, filename: str) -> HttpResponse:
    """An issued document's stored bytes, validated by their SHA-256: what was issued never
    changes, so a browser that has it is answered 304 without the bytes."""
    etag = quote_etag(document.sha256)
    if etag in {
        t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")
    }:
        response = HttpResponseNotModified()
    else:
        response = pdf_response(
            bytes(document.content), document.sha256, filename, disposition="inline"
        )
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
