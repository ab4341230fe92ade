"""What citizens see of a plan's progress: the latest closed round's snapshot, never an open
round; the announced report's PDF once issued; another organization's rounds never.

Rounds go through workflow.rounds and notices.reports, records through projects.progress.
"""

import json

import pytest
from django.urls import reverse

from notices.models import ReportDocument
from projects.models import RoundKind
from tests.progress_support import (
    OPEN_PAYMENT_TEXT,
    OPEN_PROBLEM,
    REPORT_PDF,
    announce_report,
    api_progress_url,
    approve,
    close,
    followed_plan,
    issue_report,
    open_round,
    progress_url,
    record_after_close,
    record_half_year,
    report_url,
)
from tests.support import organization_url, plan_url, project_url
from tests.test_public_leaks import readable
from workflow import rounds

pytestmark = pytest.mark.django_db
FORMATS = ("csv", "xlsx", "json")
FULL_YEAR = str(RoundKind.FULL_YEAR.label)
HALF_YEAR = str(RoundKind.HALF_YEAR.label)


@pytest.fixture
def followed(world, personas):
    plan, projects = followed_plan(world)
    return plan, projects


def every_public_address(client, plan, projects):
    """Every public page, download and API answer that could carry a round's figures."""
    addresses = [
        plan_url(plan),
        *(project_url(p) for p in projects.values()),
        *(progress_url(plan, fmt) for fmt in FORMATS),
        api_progress_url(plan),
        reverse("public:api_plan", kwargs=plan.public_kwargs()),
        *(reverse("public:download", kwargs={**plan.public_kwargs(), "fmt": f}) for f in FORMATS),
        reverse("public:api_catalog"),
        reverse("public:api_dcat"),
        reverse("public:api_index"),
        reverse("public:api_progress_schema"),
        organization_url(plan.organization),
        reverse("public:home"),
        reverse("public:search") + "?q=" + OPEN_PROBLEM,
        reverse("public:search") + "?q=คลองน้ำใส",
        plan_url(plan) + "?q=คลองน้ำใส",
    ]
    return {address: client.get(address) for address in addresses}


def assert_nothing_of_the_open_round(responses):
    for address, response in responses.items():
        text = readable(response.content)
        # A search page repeats what was typed, in its box and title only.
        text = text.replace(OPEN_PROBLEM, "", text.count(f'value="{OPEN_PROBLEM}"') and 2)
        text = text.replace('value="คลองน้ำใส"', "")
        assert OPEN_PROBLEM not in text, address
        for amount in OPEN_PAYMENT_TEXT:
            assert amount not in text, address
        if address != reverse("public:api_progress_schema"):  # it lists every kind there is
            assert FULL_YEAR not in text, address
            assert "full_year" not in text, address


def test_it_shows_nothing_of_a_plan_whose_only_round_is_open(client, followed, personas):
    plan, projects = followed
    open_round(plan, personas["staff"], kind=RoundKind.HALF_YEAR)
    record_half_year(projects, personas["staff"])
    responses = every_public_address(client, plan, projects)
    page = responses[plan_url(plan)]
    assert page.status_code == 200
    assert page.context["progress"] is None
    assert 'id="progress"' not in page.content.decode()
    assert 'data-testid="project-progress"' not in page.content.decode()
    assert "รอบ" not in responses[project_url(projects["road"])].content.decode()
    for fmt in FORMATS:
        assert responses[progress_url(plan, fmt)].status_code == 404
    assert responses[api_progress_url(plan)].status_code == 404
    for kind in RoundKind:
        assert client.get(report_url(plan, kind)).status_code == 404
    for address, response in responses.items():
        text = readable(response.content)
        if address != reverse("public:api_progress_schema"):  # it lists every kind there is
            assert HALF_YEAR not in text and "half_year" not in text, address
        assert "98,765.43" not in text and "อยู่ระหว่างดำเนินการ" not in text, address


def test_it_shows_the_closed_round_and_nothing_of_the_open_one(
    client, followed, personas, django_capture_on_commit_callbacks
):
    """The LEAK test: a closed round whose report is not yet announced, and the next round
    open with records and a payment of its own."""
    plan, projects = followed
    staff, monitor = personas["staff"], personas["monitor"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, monitor)
    open_round(plan, staff)
    record_after_close(projects, staff)

    responses = every_public_address(client, plan, projects)
    assert_nothing_of_the_open_round(responses)
    page = responses[plan_url(plan)]
    html = page.content.decode()
    assert HALF_YEAR in html
    assert "31 มีนาคม พ.ศ. 2565" in html and "5 เมษายน พ.ศ. 2565" in html
    assert "198,765.43" in html  # disbursed by the end of March, both payments
    road = responses[project_url(projects["road"])].content.decode()
    assert "อยู่ระหว่างดำเนินการ" in road and "40.00" in road and "แล้วเสร็จ" not in road
    data = json.loads(responses[api_progress_url(plan)].content)
    assert data["round"]["kind"] == "half_year"
    assert data["round"]["report_announced"] is False
    road_row = next(r for r in data["projects"] if r["id"] == projects["road"].pk)
    assert (road_row["status_code"], road_row["disbursed"], road_row["percent_done"]) == (
        "in_progress",
        "100000.00",
        "40.00",
    )
    # The report is not announced: its address is the 404 of any address.
    assert client.get(report_url(plan, RoundKind.HALF_YEAR)).status_code == 404
    assert client.get(report_url(plan, RoundKind.FULL_YEAR)).status_code == 404
    assert 'data-testid="reports"' not in html


def test_it_offers_the_report_only_once_announced_and_issued(
    client, followed, personas, django_capture_on_commit_callbacks
):
    plan, projects = followed
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, personas["monitor"])
    open_round(plan, staff)
    record_after_close(projects, staff)
    assert client.get(plan_url(plan)).status_code == 200  # cached before the announcement
    announce_report(half, personas["executive"], django_capture_on_commit_callbacks)
    assert ReportDocument.objects.get(round=half).status == ReportDocument.Status.PENDING
    pending = client.get(plan_url(plan))
    assert 'data-testid="reports"' not in pending.content.decode()
    assert client.get(report_url(plan, RoundKind.HALF_YEAR)).status_code == 404

    document = issue_report(half)
    page = client.get(plan_url(plan)).content.decode()
    link = report_url(plan, RoundKind.HALF_YEAR)
    assert f'href="{link}"' in page and document.sha256 in page
    response = client.get(link)
    assert response.status_code == 200
    assert response.content == REPORT_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-SHA256"] == document.sha256
    assert response["ETag"] == f'"{document.sha256}"'
    assert response["Cache-Control"].startswith("public")
    again = client.get(link, HTTP_IF_NONE_MATCH=f'"{document.sha256}"')
    assert again.status_code == 304 and again.content == b""
    # The open round still shows nowhere, the report announced beside it.
    assert_nothing_of_the_open_round(every_public_address(client, plan, projects))
    assert client.get(report_url(plan, RoundKind.FULL_YEAR)).status_code == 404


def test_it_never_shows_another_organizations_rounds(
    client, followed, personas, world, other_world, django_capture_on_commit_callbacks
):
    from projects.models import Role
    from tests.support import make_user

    plan, _projects = followed
    other_plan, other_projects = followed_plan(other_world)
    other_staff = make_user("other-staff", other_world["org"], Role.PLANNING_STAFF)
    other_monitor = make_user("other-monitor", other_world["org"], Role.MONITORING_COMMITTEE)
    theirs = open_round(other_plan, other_staff, kind=RoundKind.HALF_YEAR)
    record_half_year(other_projects, other_staff)
    close(theirs, other_staff, django_capture_on_commit_callbacks)
    approve(theirs, other_staff, other_monitor)
    announce_report(
        theirs,
        make_user("other-exec", other_world["org"], Role.EXECUTIVE),
        django_capture_on_commit_callbacks,
    )
    issue_report(theirs)
    # Ours has no closed round: nothing shows, whatever the neighbour has.
    page = client.get(plan_url(plan))
    assert page.context["progress"] is None
    assert client.get(progress_url(plan, "csv")).status_code == 404
    assert client.get(report_url(plan, RoundKind.HALF_YEAR)).status_code == 404
    # A project of theirs is not found under our plan's address.
    borrowed = reverse(
        "public:project",
        kwargs={**plan.public_kwargs(), "project_id": other_projects["road"].pk},
    )
    assert client.get(borrowed).status_code == 404
    # Theirs shows their own figures.
    their_page = client.get(plan_url(other_plan))
    assert their_page.context["progress"].round.pk == theirs.pk
    assert client.get(report_url(other_plan, RoundKind.HALF_YEAR)).status_code == 200


def test_it_shows_a_round_closed_after_the_page_was_cached(
    client, followed, personas, django_capture_on_commit_callbacks
):
    plan, projects = followed
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    addresses = [plan_url(plan), project_url(projects["road"])]
    for address in addresses:
        client.get(address)
        # Now kept, by address too (served with no query for MAX_AGE).
        assert client.get(address).status_code == 200
    close(half, staff, django_capture_on_commit_callbacks)
    page, project = (client.get(address) for address in addresses)
    assert page.context is not None and page.context["progress"].round.pk == half.pk
    assert "อยู่ระหว่างดำเนินการ" in project.content.decode()
    assert client.get(progress_url(plan, "json")).status_code == 200


def test_a_plan_page_without_progress_keeps_its_own_shape(client, followed):
    plan, _projects = followed
    page = client.get(plan_url(plan))
    assert page.context["progress"] is None and page.context["reports"] == []


def test_the_announced_report_waits_for_its_round_to_be_announced_not_closed(
    client, followed, personas, django_capture_on_commit_callbacks
):
    """A round past its committee but not announced: even a document row does not publish."""
    plan, _projects = followed
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, personas["monitor"])
    ReportDocument.objects.create(
        round=half, status=ReportDocument.Status.READY, content=REPORT_PDF, sha256="1" * 64
    )
    assert client.get(report_url(plan, RoundKind.HALF_YEAR)).status_code == 404
    assert 'data-testid="reports"' not in client.get(plan_url(plan)).content.decode()
    with pytest.raises(rounds.WrongStage):
        rounds.round_close(round=half, by=staff)
    # Its figures are public all the same: the round is closed.
    assert 'data-testid="progress"' in client.get(plan_url(plan)).content.decode()
