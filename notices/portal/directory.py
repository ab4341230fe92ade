"""The citizens' way in: provinces, a province's districts and organizations, an organization.

For one installation serving the whole country: no page lists every organization or plan.
The home page lists the 77 provinces (projects/places.py, no query); a province lists its
districts and their organizations through the (province, district) index; an
organization's page lists its announced plans, with counts and totals grouped for those
plans only (attach_totals). A search box finds an organization by name.
"""

from itertools import groupby
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from notices.portal.cache import cached_response, plans_state
from notices.portal.views import announced_plans, plan_kwargs, postings_for, public_page
from projects import thai
from projects.models import Organization, attach_totals
from projects.places import PROVINCES
from projects.public_state import organizations_version

MAX_QUERY = 100
MAX_FOUND = 50


@public_page
def home(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    province = request.GET.get("province", "").strip()[:MAX_QUERY]
    if query:
        # Searches are not kept: too many of them, and each is one indexed query.
        return _render_found(request, query)
    parts = ("home", province, organizations_version())
    return cached_response(request, parts, lambda: _render_home(request, province))


def _render_home(request, province: str):
    if province:
        organizations = list(Organization.objects.filter(province=province).order_by())
        if not organizations and province not in PROVINCES:
            raise Http404
        districts = [
            {"name": name, "organizations": thai.thai_sorted(orgs, key=lambda o: o.name)}
            for name, orgs in groupby(
                thai.thai_sorted(organizations, key=lambda o: o.district), key=lambda o: o.district
            )
        ]
        context = {"province": province, "districts": districts}
        return render(request, "public/province.html", context)
    context = {"provinces": thai.thai_sorted(PROVINCES)}
    return render(request, "public/home.html", context)


def _render_found(request, query: str):
    matches = Q()
    for word in query.split()[:8]:
        matches &= Q(name__icontains=word) | Q(district__icontains=word) | Q(province=word)
    found = list(Organization.objects.filter(matches).order_by("name")[: MAX_FOUND + 1])
    context = {
        "query": query,
        "found": thai.thai_sorted(found[:MAX_FOUND], key=lambda o: o.name),
        "more": len(found) > MAX_FOUND,
    }
    return render(request, "public/organization_search.html", context)


@public_page
def organization(request, org_slug):
    org = get_object_or_404(Organization, slug=org_slug)
    plans = list(announced_plans().filter(organization=org))
    return cached_response(
        request, ("organization", org.pk, plans_state(plans)), lambda: _render(request, org, plans)
    )


def _render(request, org, plans):
    attach_totals(plans)
    postings = postings_for(plans)
    for plan in plans:
        plan.url = reverse("public:plan", kwargs=plan_kwargs(plan))
        plan.posting = postings.get(plan.pk)
    years = [
        {"year": year, "plans": list(group)}
        for year, group in groupby(plans, key=lambda p: p.fiscal_year)
    ]
    province_url = reverse("public:home") + "?" + urlencode({"province": org.province})
    context = {"organization": org, "years": years, "province_url": province_url}
    return render(request, "public/organization.html", context)
