"""The report's staff pages against every persona: anonymous → login, another organization
or no role → 404, the organization's people read, only editors write; GETs change nothing.
Then what each page serves: the issued bytes, the draft of a closed round, the waiting page."""

import hashlib

import pytest
from django.urls import reverse

from notices.models import Posting, ReportDocument
from projects.models import AuditEvent, RoundKind
from tests.report_support import announce_report, closed_round
from tests.support import compact, pdftotext_pages
from workflow import rounds

pytestmark = pytest.mark.django_db

MEMBERS = ("staff", "orgadmin", "member", "monitor", "executive")
EDITORS = ("staff", "orgadmin")
STRANGERS = ("outsider", "nobody")

# (URL name, which round, status for the organization's people)
READ_PAGES = [
    ("notices:report_pdf", "issued", 200),
    ("notices:report_notice", "issued", 200),
    ("notices:report_notice", "closed", 200),
    # Queued for the worker on the first request: the page says it is on its way.
    ("notices:report_draft_pdf", "closed", 202),
    ("notices:report_certificate_pdf", "issued", 202),
]
WRITE_PAGES = ["notices:report_retry", "notices:report_posting_create"]


@pytest.fixture
def closed(world, announced, personas):
    return closed_round(world, announced, personas)


@pytest.fixture
def issued(closed, personas, django_capture_on_commit_callbacks):
    return announce_report(closed, personas, django_capture_on_commit_callbacks)


def state(round):
    return (
        AuditEvent.objects.filter(plan_id=round.plan_id).count(),
        Posting.objects.filter(round=round).count(),
        ReportDocument.objects.filter(round=round).values_list("status", "sha256").first(),
    )


@pytest.mark.parametrize(("name", "which", "_status"), READ_PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(name, which, _status, client, request):
    round = request.getfixturevalue(which)
    response = client.get(reverse(name, args=[round.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", MEMBERS + STRANGERS)
@pytest.mark.parametrize(("name", "which", "status"), READ_PAGES)
def test_it_answers_each_persona_and_changes_nothing(
    persona, name, which, status, login, personas, request
):
    round = request.getfixturevalue(which)
    before = state(round)
    response = login(personas[persona]).get(reverse(name, args=[round.pk]))
    assert response.status_code == (status if persona in MEMBERS else 404)
    assert state(round) == before


@pytest.mark.parametrize("persona", MEMBERS + STRANGERS)
@pytest.mark.parametrize("name", WRITE_PAGES)
def test_it_lets_only_editors_write(persona, name, issued, login, personas):
    ReportDocument.objects.filter(round=issued).update(status=ReportDocument.Status.FAILED)
    before = state(issued)
    client = login(personas[persona])
    url = reverse(name, args=[issued.pk])
    assert client.get(url).status_code == 405  # a write is a POST, whoever asks
    response = client.post(url, {"place": "office", "posted_on": "5/4/2565"})
    if persona in EDITORS:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == (403 if persona in MEMBERS else 404)
        assert state(issued) == before


def test_it_serves_exactly_the_issued_bytes_with_their_hash(issued, login, personas, world):
    document = ReportDocument.objects.get(round=issued)
    world["org"].name = "องค์การบริหารส่วนตำบลชื่อใหม่"
    world["org"].save()
    response = login(personas["monitor"]).get(reverse("notices:report_pdf", args=[issued.pk]))
    assert response.content == bytes(document.content)
    assert response["X-Content-SHA256"] == document.sha256
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-sungmen-2565-monitoring-half_year.pdf"'
    )


def test_it_says_the_report_is_being_prepared_until_it_is_ready(issued, login, personas):
    ReportDocument.objects.filter(round=issued).update(status=ReportDocument.Status.PENDING)
    response = login(personas["executive"]).get(reverse("notices:report_pdf", args=[issued.pk]))
    assert (response.status_code, response["Refresh"]) == (202, "5")
    assert "กำลังจัดทำรายงานผลการติดตามที่ประกาศ" in response.content.decode()


def test_it_renders_the_draft_of_a_closed_round_marked_as_a_draft(
    closed, login, personas, tmp_path, django_capture_on_commit_callbacks
):
    client = login(personas["monitor"])
    url = reverse("notices:report_draft_pdf", args=[closed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(url)
    assert (waiting.status_code, waiting["Refresh"]) == (202, "2")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-SHA256"] == hashlib.sha256(response.content).hexdigest()
    pages = pdftotext_pages(response.content, tmp_path)
    assert all(compact("ร่าง · ฉบับร่าง") in compact(page) for page in pages)


def test_it_offers_no_draft_of_an_open_round_nor_of_an_announced_one(
    issued, announced, login, personas
):
    year = rounds.round_open(plan=announced, by=personas["staff"], kind=RoundKind.FULL_YEAR)
    client = login(personas["staff"])
    for round, message in (
        (year, "ฉบับร่างของรายงานมีเฉพาะรอบที่ปิดแล้ว"),
        (issued, "รายงานของรอบนี้ประกาศแล้ว"),
    ):
        response = client.get(reverse("notices:report_draft_pdf", args=[round.pk]), follow=True)
        assert response.redirect_chain[0][0] == reverse("notices:report_notice", args=[round.pk])
        assert message in response.content.decode()
    # The open round's notice page says why there is nothing to download yet.
    page = client.get(reverse("notices:report_notice", args=[year.pk])).content.decode()
    assert "รอบการติดตามยังเปิดรับข้อมูลอยู่" in page
