"""Citizens' pages: no login, announced plans only.

These addresses are printed as QR codes on posted notices: keep them stable. A supplementary
plan n has the same addresses as the main plan with "s<n>/" after the fiscal year; each
route is named once for both, and reverse() picks the one that fits the kwargs given.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, register_converter
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from notices.portal import api, directory, progress_views, search, views
from projects.models import RoundKind


class FiscalYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class SupplementConverter(FiscalYearConverter):
    # No s0: the main plan has one address only.
    regex = "[1-9][0-9]{0,2}"


class FormatConverter:
    regex = "csv|xlsx|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FiscalYearConverter, "fiscal_year")
register_converter(SupplementConverter, "supplement")


class RoundKindConverter(FormatConverter):
    regex = "|".join(RoundKind.values)


register_converter(FormatConverter, "export_format")
register_converter(RoundKindConverter, "round_kind")

PLAN = "p/<slug:org_slug>/<fiscal_year:fiscal_year>/"
SUPPLEMENT = PLAN + "s<supplement:supplement>/"

app_name = "public"
urlpatterns = [
    # The citizens' pages are cached whole and carry no CSRF token, so their language switch
    # posts here. A forged request could only change a reader's language: nothing to protect.
    path("language/", csrf_exempt(login_not_required(set_language)), name="language"),
    path("", directory.home, name="home"),
    path("p/<slug:org_slug>/", directory.organization, name="organization"),
    path("search/", search.search, name="search"),
    # Open data, version 1: stable addresses for other systems (notices/portal/api.py).
    path("api/v1/", api.index, name="api_index"),
    path("api/v1/organizations/", api.catalog, name="api_catalog"),
    path("api/v1/dcat.jsonld", api.dcat, name="api_dcat"),
    path("api/v1/schema/plan.json", api.schema, name="api_schema"),
    path("api/v1/schema/progress.json", api.schema_progress, name="api_progress_schema"),
]
for prefix in (PLAN, SUPPLEMENT):
    urlpatterns += [
        path(prefix, views.plan_detail, name="plan"),
        path(f"{prefix}projects/<int:project_id>/", views.project_detail, name="project"),
        path(f"{prefix}plan.<export_format:fmt>", views.download, name="download"),
        path(f"{prefix}plan.pdf", views.document_pdf, name="pdf"),
        # The latest closed round's progress, and each announced monitoring report.
        path(
            f"{prefix}progress.<export_format:fmt>",
            progress_views.progress_download,
            name="progress_download",
        ),
        path(
            f"{prefix}reports/<round_kind:kind>.pdf", progress_views.report_pdf, name="report_pdf"
        ),
        path(f"api/v1/plans/{prefix.removeprefix('p/')}", api.plan, name="api_plan"),
        path(
            f"api/v1/plans/{prefix.removeprefix('p/')}progress/",
            api.progress,
            name="api_progress",
        ),
    ]
