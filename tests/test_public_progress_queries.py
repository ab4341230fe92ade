"""The public pages with progress cost a fixed number of queries, from 100 to 1,000
projects and with 1 or 30 organizations in the installation, as tests/test_public_queries.py
asks of the pages without it."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from projects import progress
from projects.models import ProgressStatus, Project, RoundKind
from tests.progress_support import (
    announce_report,
    api_progress_url,
    approve,
    close,
    issue_report,
    open_round,
    progress_url,
    report_url,
)
from tests.support import (
    CACHED,
    CACHED_PLAN_PAGE,
    FRONT,
    PLAN_PAGE,
    PROJECT_PAGE,
    announce,
    fill,
    make_world,
    plan_url,
    project_url,
)

# What progress adds to a page, whatever the plan's size: the closed rounds with their
# documents (one query), and the latest closed round's entries with their projects (one).
PLAN_PAGE_WITH_PROGRESS = PLAN_PAGE + 2
# The project's entry with its round.
PROJECT_PAGE_WITH_PROGRESS = PROJECT_PAGE + 1
# The plan, the rounds, the entries.
PROGRESS_DOWNLOAD = 3
# The plan, the report with its round.
REPORT_PDF = 2


@pytest.fixture(params=[1, 30], ids=["1-organization", "30-organizations"])
def country(request, db):
    """Neighbours with announced plans and closed rounds of their own."""
    for n in range(request.param - 1):
        neighbour = make_world(f"org{n}", f"องค์การบริหารส่วนตำบลที่ {n}")
        fill(neighbour, 3)
        announce(neighbour["plan"])
    return request.param


@pytest.fixture(params=[100, 1000])
def followed(request, country, world, personas, django_capture_on_commit_callbacks):
    """A plan of 100 or 1,000 projects, a tenth of them recorded, its half-year round closed
    and announced with its report issued, its full-year round open."""
    staff = personas["staff"]
    fill(world, request.param)
    plan = announce(world["plan"])
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    with time_machine.travel(date(2022, 4, 2), tick=False):
        for n, project in enumerate(Project.objects.filter(plan=plan).order_by("id")[::10]):
            progress.progress_update(
                project=project,
                by=staff,
                values={
                    "status": ProgressStatus.DONE if n % 2 else ProgressStatus.IN_PROGRESS,
                    "percent_done": Decimal("100") if n % 2 else Decimal("30"),
                },
                expected_version=None,
            )
            progress.disbursement_add(
                project=project, by=staff, paid_on=date(2022, 3, 1), amount=Decimal("500")
            )
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, personas["monitor"])
    announce_report(half, personas["executive"], django_capture_on_commit_callbacks)
    issue_report(half)
    open_round(plan, staff)
    return plan


def test_it_shows_the_plan_page_with_progress_in_a_constant_number_of_queries(
    client, followed, django_assert_num_queries
):
    with django_assert_num_queries(PLAN_PAGE_WITH_PROGRESS):
        response = client.get(plan_url(followed))
    figures = response.context["progress"].figures
    assert figures.total.projects == followed.projects.count()
    assert figures.total.done + figures.total.under_way == len(range(0, figures.total.projects, 10))
    assert len(response.context["reports"]) == 1
    html = response.content.decode()
    assert html.count('data-testid="project-progress"') == followed.projects.count()
    with django_assert_num_queries(FRONT):
        client.get(plan_url(followed))
    with django_assert_num_queries(CACHED_PLAN_PAGE):
        client.get(plan_url(followed), {"utm_source": "qr"})


def test_it_shows_a_project_with_progress_in_a_constant_number_of_queries(
    client, followed, django_assert_num_queries
):
    address = project_url(followed.projects.order_by("id").first())
    with django_assert_num_queries(PROJECT_PAGE_WITH_PROGRESS):
        response = client.get(address)
    assert response.context["entry"].status == ProgressStatus.IN_PROGRESS
    with django_assert_num_queries(FRONT):
        client.get(address)
    with django_assert_num_queries(CACHED):
        client.get(address, {"utm_source": "qr"})


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_it_builds_each_progress_download_in_a_constant_number_of_queries(
    client, followed, fmt, django_assert_num_queries
):
    with django_assert_num_queries(PROGRESS_DOWNLOAD):
        assert client.get(progress_url(followed, fmt)).status_code == 200
    with django_assert_num_queries(FRONT):
        client.get(progress_url(followed, fmt))
    with django_assert_num_queries(CACHED):
        client.get(progress_url(followed, fmt), {"utm_source": "qr"})


def test_it_serves_the_report_and_the_api_in_a_constant_number_of_queries(
    client, followed, django_assert_num_queries
):
    with django_assert_num_queries(REPORT_PDF):
        assert client.get(report_url(followed, RoundKind.HALF_YEAR)).status_code == 200
    # The API counts every request (its rate limit): never served by address alone.
    with django_assert_num_queries(PROGRESS_DOWNLOAD):
        assert client.get(api_progress_url(followed)).status_code == 200
    with django_assert_num_queries(CACHED):
        assert client.get(api_progress_url(followed)).status_code == 200
    assert client.get(reverse("public:api_progress_schema")).status_code == 200
