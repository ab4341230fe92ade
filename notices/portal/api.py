"""Open data for other systems, version 1 (/api/v1/…): read-only, no login, announced plans
only, paginated, rate-limited, cached like the citizens' pages.

- ``catalog``: the organizations, a page at a time, each with its announced plans and the
  stable addresses of their page, JSON, CSV and PDF; once a round of a plan is closed, the
  files of its latest closed round, and its announced reports (notices/portal/api_progress.py);
- ``plan``: one plan as JSON, the very file of the citizens' download, described by the
  published JSON Schema (``schema``);
- ``dcat``: the same catalogue as DCAT (JSON-LD, with hydra paging), which a CKAN portal
  such as data.go.th harvests with ckanext-dcat's DCAT JSON-LD harvester; a followed plan's
  progress and reports are a dataset of their own beside the plan's.

A catalogue page costs the same queries for one organization or a hundred, with any number
of plans, rounds and reports: the organizations, their announced plans (with their rounds'
state as subqueries, for the cache key), and, when the page is built, the plans' closed
rounds with their reports (tests/test_open_data_progress.py counts them).

A version is a promise: fields may be added to v1, never renamed or removed.
"""

import json
import time
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from notices.portal import api_progress
from notices.portal.api_schema import plan_schema, progress_schema
from notices.portal.cache import cached_response, plans_state
from notices.portal.progress import plans_rounds, rounds_state, with_rounds
from notices.portal.progress_views import progress_export
from notices.portal.views import announced_plans, export, find_plan, plan_kwargs
from projects.links import absolute_url
from projects.models import Organization

PAGE_SIZE = 100
# Per client address and minute: generous for a harvester, a bound for a scraper.
RATE_LIMIT = 120
JSON = "application/json; charset=utf-8"


def _json(data: dict, status: int = 200, content_type: str = JSON) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type=content_type, status=status
    )


def _over_limit(request) -> bool:
    # REMOTE_ADDR: behind a reverse proxy that is the proxy's, so the proxy limits per
    # client too (README); this bounds what reaches the application.
    key = f"api-rate:{request.META.get('REMOTE_ADDR', '')}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=61):
        return False
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # expired between add and incr
        return False


def api_view(view):
    """No login, GET only, a JSON 404, and at most RATE_LIMIT requests a minute per address.

    Marked ``public_page`` like the citizens' pages, so it is answered before the session.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _over_limit(request):
            response = _json({"error": "มีคำขอมากเกินไป โปรดลองใหม่ในอีกหนึ่งนาที"}, status=429)
            response["Retry-After"] = "60"
            return response
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return _json({"error": "ไม่พบข้อมูลที่ขอ"}, status=404)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    public = login_not_required(require_safe(wrapper))
    public.public_page = True
    return public


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404
    return int(raw)


def _plan_links(plan) -> dict:
    kwargs = plan_kwargs(plan)
    return {
        "page": absolute_url("public:plan", **kwargs),
        "json": absolute_url("public:api_plan", **kwargs),
        "csv": absolute_url("public:download", **kwargs, fmt="csv"),
        "xlsx": absolute_url("public:download", **kwargs, fmt="xlsx"),
        "pdf": absolute_url("public:pdf", **kwargs),
    }


def _catalog_page(number: int) -> tuple[list[Organization], dict[int, list], bool]:
    """A page of organizations by slug, with their announced plans and the state of their
    rounds (two queries)."""
    start = (number - 1) * PAGE_SIZE
    rows = list(Organization.objects.order_by("slug")[start : start + PAGE_SIZE + 1])
    organizations = rows[:PAGE_SIZE]
    if number > 1 and not organizations:
        raise Http404
    plans: dict[int, list] = {}
    for plan in with_rounds(announced_plans().filter(organization__in=organizations)):
        plans.setdefault(plan.organization_id, []).append(plan)
    return organizations, plans, len(rows) > PAGE_SIZE


def _page_links(name: str, number: int, more: bool) -> dict:
    url = absolute_url(f"public:{name}")
    return {
        "self": f"{url}?page={number}",
        "next": f"{url}?page={number + 1}" if more else None,
        "previous": f"{url}?page={number - 1}" if number > 1 else None,
    }


def _page_state(organizations, plans) -> tuple:
    """A catalogue page changes with its organizations, their announced plans, and their
    rounds: one closed, a report announced or its document ready (progress.rounds_state)."""
    every_plan = [p for ps in plans.values() for p in ps]
    return (
        tuple((o.pk, o.slug, o.name, o.district, o.province) for o in organizations),
        plans_state(every_plan),
        tuple(rounds_state(p) for p in every_plan),
    )


@api_view
def catalog(request):
    number = _page_number(request)
    page = _catalog_page(number)
    parts = ("api-catalog", number, _page_state(*page[:2]))
    return cached_response(request, parts, lambda: _catalog(number, *page), front=False)


def _catalog(number: int, organizations, plans, more) -> HttpResponse:
    followed = plans_rounds(p for ps in plans.values() for p in ps)
    data = {
        "version": "1",
        "schema": absolute_url("public:api_schema"),
        "links": _page_links("api_catalog", number, more),
        "organizations": [
            {
                "slug": org.slug,
                "name": org.name,
                "kind": org.get_kind_display(),
                "district": org.district,
                "province": org.province,
                "page": absolute_url("public:organization", org_slug=org.slug),
                "plans": [
                    {
                        "title": plan.title,
                        "fiscal_year": plan.fiscal_year,
                        "supplement_number": plan.supplement_number,
                        "announced_on": plan.announcement.announced_on.isoformat(),
                        "modified": plan.updated_at.isoformat(),
                        "links": _plan_links(plan),
                        **_catalog_rounds(plan, *followed.get(plan.pk, (None, []))),
                    }
                    for plan in plans.get(org.pk, [])
                ],
            }
            for org in organizations
        ],
    }
    return _json(data)


def _catalog_rounds(plan, latest, reports) -> dict:
    return {
        "progress": api_progress.catalog_progress(plan, latest),
        "reports": [api_progress.catalog_report(plan, report) for report in reports],
    }


@api_view
def plan(request, org_slug, fiscal_year, supplement=0):
    found, siblings = find_plan(org_slug, fiscal_year, supplement)
    parts = ("api-plan", plans_state(siblings), found.pk)
    return cached_response(request, parts, lambda: export(found, "json"), front=False)


@api_view
def progress(request, org_slug, fiscal_year, supplement=0):
    """The latest closed round's progress of the plan: the citizens' progress.json."""
    found, siblings = find_plan(org_slug, fiscal_year, supplement)
    if found.progress_round_id is None:
        raise Http404
    parts = ("api-progress", plans_state(siblings), found.pk, rounds_state(found))
    return cached_response(request, parts, lambda: progress_export(found, "json"), front=False)


@api_view
def schema_progress(request):
    schema = progress_schema(
        absolute_url("public:api_progress_schema"), absolute_url("public:api_schema")
    )
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 1})


@api_view
def schema(request):
    url = absolute_url("public:api_schema")
    return JsonResponse(plan_schema(url), json_dumps_params={"ensure_ascii": False, "indent": 1})


@api_view
def index(request):
    names = ("api_catalog", "api_dcat", "api_schema", "api_progress_schema")
    return _json({"version": "1", **{n: absolute_url(f"public:{n}") for n in names}})


@api_view
def dcat(request):
    number = _page_number(request)
    page = _catalog_page(number)
    parts = ("api-dcat", number, _page_state(*page[:2]))
    return cached_response(request, parts, lambda: _dcat(number, *page), front=False)


def _dcat(number: int, organizations, plans, more) -> HttpResponse:
    links = _page_links("api_dcat", number, more)
    followed = plans_rounds(p for ps in plans.values() for p in ps)
    datasets = []
    for org in organizations:
        for plan in plans.get(org.pk, []):
            urls = _plan_links(plan)
            dataset = {
                "@id": urls["page"],
                "@type": "dcat:Dataset",
                "dct:identifier": f"{org.slug}-{plan.fiscal_year}-{plan.supplement_number}",
                "dct:title": f"{plan.title} {org.name}",
                "dct:description": f"{plan.title} ของ{org.name} อำเภอ{org.district} "
                f"จังหวัด{org.province} ที่ประกาศใช้แล้ว",
                "dct:issued": plan.announcement.announced_on.isoformat(),
                "dct:modified": plan.updated_at.isoformat(),
                "dct:language": "th",
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": org.name},
                "dct:spatial": f"อำเภอ{org.district} จังหวัด{org.province}",
                "dcat:keyword": ["แผนการดำเนินงาน", org.province, str(plan.fiscal_year)],
                "dcat:landingPage": urls["page"],
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": fmt.upper(),
                        "dcat:accessURL": urls[fmt],
                        "dcat:downloadURL": urls[fmt],
                        "dcat:mediaType": media,
                        **(
                            {"dct:conformsTo": absolute_url("public:api_schema")}
                            if fmt == "json"
                            else {}
                        ),
                    }
                    for fmt, media in DISTRIBUTIONS
                ],
            }
            datasets.append(dataset)
            latest, reports = followed.get(plan.pk, (None, []))
            if latest is not None:
                datasets.append(api_progress.dcat_progress(plan, latest, reports, dataset))
    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "hydra": "http://www.w3.org/ns/hydra/core#",
            "spdx": "http://spdx.org/rdf/terms#",
        },
        "@id": links["self"],
        "@type": "dcat:Catalog",
        "dct:title": "แผนการดำเนินงานที่ประกาศแล้วขององค์กรปกครองส่วนท้องถิ่น",
        "dct:language": "th",
        "dcat:dataset": datasets,
        "hydra:view": {
            "@id": links["self"],
            "@type": "hydra:PartialCollectionView",
            **({"hydra:next": links["next"]} if links["next"] else {}),
            **({"hydra:previous": links["previous"]} if links["previous"] else {}),
        },
    }
    return _json(data, content_type="application/ld+json; charset=utf-8")


DISTRIBUTIONS = [
    ("json", "application/json"),
    ("csv", "text/csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("pdf", "application/pdf"),
]
