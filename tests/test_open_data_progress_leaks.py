"""What the open-data catalogue and DCAT feed never list of the rounds: an open round, a
round of a plan that is not (or no longer) announced, a report not announced or whose PDF
is not issued, another organization's draft. Each case beside what must show.

Rounds go through workflow.rounds and notices.reports (tests/progress_support.py), except
where no service can reach the state (a draft plan with a round), which is made by hand.
"""

import hashlib
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from notices.models import ReportDocument
from projects.models import MonitoringRound, RoundKind, RoundStage, Stage
from tests.progress_support import (
    OPEN_PAYMENT_TEXT,
    OPEN_PROBLEM,
    announce_report,
    approve,
    close,
    followed_plan,
    issue_report,
    open_round,
    record_after_close,
    record_half_year,
    reported,
)
from tests.support import add_plan, announce, fill
from workflow.models import RoundAnnouncement

pytestmark = pytest.mark.django_db
NAMES = ("api_catalog", "api_dcat")
FULL_YEAR = str(RoundKind.FULL_YEAR.label)
HALF_YEAR = str(RoundKind.HALF_YEAR.label)
HALF_YEAR_PDF = "/p/sungmen/2565/reports/half_year.pdf"
PERSONAS = ["staff", "member", "executive", "orgadmin", "monitor", "outsider", "nobody"]


def feeds(client) -> dict[str, str]:
    """The catalogue and the DCAT feed, as text."""
    texts = {}
    for name in NAMES:
        response = client.get(reverse(f"public:{name}"))
        assert response.status_code == 200, name
        texts[name] = response.content.decode()
    return texts


def catalog_entry(client, slug="sungmen", year=2565, supplement=0) -> dict | None:
    data = json.loads(client.get(reverse("public:api_catalog")).content)
    [org] = [o for o in data["organizations"] if o["slug"] == slug]
    plans = [
        p for p in org["plans"] if (p["fiscal_year"], p["supplement_number"]) == (year, supplement)
    ]
    return plans[0] if plans else None


def test_it_lists_the_closed_round_and_nothing_of_the_open_one(
    client, world, personas, django_capture_on_commit_callbacks
):
    plan, projects = followed_plan(world)
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    # Only an open round: nothing of it, not even that it exists.
    for name, text in feeds(client).items():
        assert "half_year" not in text and HALF_YEAR not in text, name
        assert "#progress" not in text and "progress.csv" not in text, name
    assert catalog_entry(client)["progress"] is None

    close(half, staff, django_capture_on_commit_callbacks)
    open_round(plan, staff)
    record_after_close(projects, staff)
    for name, text in feeds(client).items():
        assert HALF_YEAR in text and "progress.csv" in text, name
        assert "full_year" not in text and FULL_YEAR not in text, name
        assert OPEN_PROBLEM not in text, name
        assert not any(amount in text for amount in OPEN_PAYMENT_TEXT), name
    assert catalog_entry(client)["progress"]["round"]["kind"] == "half_year"


def test_a_report_not_yet_announced_is_not_listed_though_its_round_is(
    client, world, personas, django_capture_on_commit_callbacks
):
    """Past its committee, with even a ready document row: not announced, not listed."""
    plan, _projects = followed_plan(world)
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, personas["monitor"])
    ReportDocument.objects.create(
        round=half, status=ReportDocument.Status.READY, content=b"%PDF-", sha256="1" * 64, size=5
    )
    entry = catalog_entry(client)
    assert entry["progress"]["round"]["kind"] == "half_year"
    assert entry["progress"]["round"]["report_announced"] is False
    assert entry["reports"] == []
    for name, text in feeds(client).items():
        assert "progress.csv" in text, name
        assert HALF_YEAR_PDF not in text and "1" * 64 not in text, name
    feed = json.loads(client.get(reverse("public:api_dcat")).content)
    [progress] = [d for d in feed["dcat:dataset"] if d["@id"].endswith("#progress")]
    media = [d["dcat:mediaType"] for d in progress["dcat:distribution"]]
    assert "application/pdf" not in media and len(media) == 4


def test_an_announced_report_is_listed_only_once_its_pdf_is_issued(
    client, world, personas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    plan, _projects = followed_plan(world)
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    close(half, staff, capture)
    approve(half, staff, personas["monitor"])
    announce_report(half, personas["executive"], capture)
    assert ReportDocument.objects.get(round=half).status == ReportDocument.Status.PENDING
    assert catalog_entry(client)["reports"] == []
    assert all(HALF_YEAR_PDF not in text for text in feeds(client).values())
    # A failed render, as notices.issue stores it: still nothing to download.
    ReportDocument.objects.filter(round=half).update(
        status=ReportDocument.Status.FAILED, error="OSError()"
    )
    assert catalog_entry(client)["reports"] == []
    assert all(HALF_YEAR_PDF not in text for text in feeds(client).values())

    document = issue_report(half)
    [report] = catalog_entry(client)["reports"]
    assert report["pdf"].endswith(HALF_YEAR_PDF) and report["sha256"] == document.sha256
    for name, text in feeds(client).items():
        assert HALF_YEAR_PDF in text and document.sha256 in text, name


def test_a_round_of_a_plan_taken_back_out_of_the_announced_stage_is_dropped(
    client, world, personas, django_capture_on_commit_callbacks
):
    """The supplement announced and reported, then put back by hand (no service does it):
    gone from the catalogue, cached or not, while the main plan's round stays."""
    capture = django_capture_on_commit_callbacks
    plan, _projects = followed_plan(world)
    reported(plan, personas, capture)
    supplement = add_plan(world, 2565, supplement=1)
    fill(world, 2, plan=supplement)
    announce(supplement)
    theirs = reported(
        supplement, personas, capture, RoundKind.QUARTER_1, b"%PDF-1.7\n% the supplement's\n"
    )
    sha256 = ReportDocument.objects.get(round=theirs).sha256
    assert catalog_entry(client, supplement=1)["reports"][0]["sha256"] == sha256
    before = feeds(client)
    assert all("/s1/reports/quarter_1.pdf" in text for text in before.values())

    supplement.stage = Stage.PROPOSED
    supplement.save()
    assert catalog_entry(client, supplement=1) is None
    for name, text in feeds(client).items():
        assert "/s1/" not in text, name
        assert sha256 not in text and "quarter_1" not in text, name
        assert HALF_YEAR_PDF in text, name


def test_another_organizations_draft_never_shows_whatever_rounds_it_holds(
    client, world, other_world, personas, django_capture_on_commit_callbacks
):
    """Their plan is a draft; a round with an announced, issued report is put on it by
    hand, as no service would. Ours is reported through the services."""
    plan, _projects = followed_plan(world)
    reported(plan, personas, django_capture_on_commit_callbacks)
    draft = other_world["plan"]
    content = b"%PDF-1.7\n% their draft's report\n"
    secret = hashlib.sha256(content).hexdigest()
    theirs = MonitoringRound.objects.create(
        plan=draft,
        kind=RoundKind.HALF_YEAR,
        period_start=date(2021, 10, 1),
        period_end=date(2022, 3, 31),
        stage=RoundStage.ANNOUNCED,
        opened_by=personas["outsider"],
        closed_at=timezone.now(),
    )
    RoundAnnouncement.objects.create(
        round=theirs,
        announced_on=date(2022, 4, 20),
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายกองค์การบริหารส่วนตำบลดอนมูล",
        by=personas["outsider"],
    )
    ReportDocument.objects.create(
        round=theirs,
        status=ReportDocument.Status.READY,
        content=content,
        sha256=secret,
        size=len(content),
    )
    data = json.loads(client.get(reverse("public:api_catalog")).content)
    by_slug = {o["slug"]: o for o in data["organizations"]}
    assert by_slug["donmun"]["plans"] == []
    assert [r["round"]["kind"] for r in by_slug["sungmen"]["plans"][0]["reports"]] == ["half_year"]
    for name, text in feeds(client).items():
        assert "/p/donmun/2565/" not in text and secret not in text, name
        assert HALF_YEAR_PDF in text, name


@pytest.mark.parametrize("persona", [*PERSONAS, "superuser"])
def test_every_persona_gets_the_catalogue_an_anonymous_visitor_gets(
    persona, client, world, personas, login, django_capture_on_commit_callbacks
):
    """Signed in as anyone, even staff of the organization whose round is open: the same
    bytes, with the closed round and without the open one."""
    plan, projects = followed_plan(world)
    record_half_year(projects, personas["staff"])
    reported(plan, personas, django_capture_on_commit_callbacks)
    open_round(plan, personas["staff"])
    record_after_close(projects, personas["staff"])
    anonymous = feeds(client)
    user = (
        get_user_model().objects.create_superuser("root", password="x")
        if persona == "superuser"
        else personas[persona]
    )
    signed_in = feeds(login(user))
    assert signed_in == anonymous
    for name, text in signed_in.items():
        assert HALF_YEAR_PDF in text and "full_year" not in text, name
        assert OPEN_PROBLEM not in text, name
