"""Every staff page of monitoring against every persona, in one table: anonymous → login,
another organization or no role → 404, the organization's read-only roles → 200 on reading
pages and 403 on editing ones, editors → 200. GETs change nothing. (Each feature's own tests
check its writes; this is the matrix of who may open what.)"""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from notices import reports
from notices.models import ReportDocument
from projects import progress
from projects.models import AuditEvent, ProgressPhoto, Project, RoundKind
from projects.photos import reencode
from tests.support import add_project
from workflow import rounds

READ, EDIT = "read", "edit"
# (URL name, what its argument is, kind of page)
PAGES = [
    ("projects:progress", "project", READ),
    ("projects:plan_progress", "plan", READ),
    ("projects:progress_photo", "photo", READ),
    ("projects:progress_template", "plan", EDIT),
    ("projects:progress_import_upload", "plan", EDIT),
    ("workflow:plan_rounds", "plan", READ),
    ("workflow:round_detail", "announced_round", READ),
    ("workflow:round_detail", "drafting_round", READ),
    ("notices:report_pdf", "announced_round", READ),
    # Drafts and certificates are rendered by a task worker: 202 and a page that waits.
    ("notices:report_draft_pdf", "drafting_round", READ),
    ("notices:report_notice", "announced_round", READ),
    ("notices:report_certificate_pdf", "announced_round", READ),
]
# The issued report's bytes, rendered by the first test of the module that needs them.
ISSUED: dict = {}
RENDERED_BY_WORKER = {"notices:report_draft_pdf", "notices:report_certificate_pdf"}
EXPECTED = {
    # persona: (status on reading pages, status on editing pages)
    "staff": (200, 200),
    "orgadmin": (200, 200),
    "member": (200, 403),
    "monitor": (200, 403),
    "executive": (200, 403),
    # Staff of กองช่าง, the department of the plan's projects: they record its progress.
    "department": (200, 200),
    "outsider": (404, 404),
    "nobody": (404, 404),
}


@pytest.fixture
def followed(announced, world, personas, django_capture_on_commit_callbacks):
    """An announced plan with a record, a payment and a photo, its half-year round's report
    announced and issued, and its year round closed and in drafting."""
    staff, monitor = personas["staff"], personas["monitor"]
    project = Project.objects.get(plan=announced)
    add_project(world, title="โครงการอบรมอาสาสมัครสาธารณสุข")
    with (
        time_machine.travel(date(2022, 10, 5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        progress.progress_update(
            project=project,
            by=staff,
            values={"status": "in_progress", "percent_done": Decimal("40")},
            expected_version=None,
        )
        progress.disbursement_add(
            project=project, by=staff, paid_on=date(2022, 3, 1), amount=Decimal("1000")
        )
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "teal").save(buffer, "JPEG")
        photo = progress.photo_add(
            project=project,
            by=staff,
            photo=reencode(ContentFile(buffer.getvalue(), name="board.jpg")),
            caption="งานเทคอนกรีต",
        )
        half = rounds.round_open(plan=announced, by=staff, kind=RoundKind.HALF_YEAR)
        rounds.round_close(round=half, by=staff)
        rounds.report_submit(round=half, by=staff)
        rounds.report_vote(round=half, by=monitor, approve=True)
    with (
        time_machine.travel(date(2022, 10, 5), tick=False),
        # The report's render is left out here and done once per module below: 96 cells
        # need a real issued PDF, not 96 renders of the same one.
        django_capture_on_commit_callbacks(execute=False),
    ):
        reports.report_announce(
            round=half,
            by=personas["executive"],
            announced_on=date(2022, 10, 5),
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
        )
    with (
        time_machine.travel(date(2022, 10, 5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        year = rounds.round_open(plan=announced, by=staff, kind=RoundKind.FULL_YEAR)
        rounds.round_close(round=year, by=staff)
    if not ISSUED:
        reports.report_render(round_id=half.pk)
        document = ReportDocument.objects.get(round=half)
        ISSUED.update(content=bytes(document.content), sha256=document.sha256)
    ReportDocument.objects.filter(round=half).update(
        status=ReportDocument.Status.READY, size=len(ISSUED["content"]), **ISSUED
    )
    assert ReportDocument.objects.get(round=half).is_ready
    return {
        "plan": announced,
        "project": project,
        "photo": ProgressPhoto.objects.get(pk=photo.pk),
        "announced_round": half,
        "drafting_round": year,
    }


def url_of(name, target, followed):
    return reverse(name, args=[followed[target].pk])


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "target", "kind"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(name, target, kind, client, followed):
    response = client.get(url_of(name, target, followed))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
@pytest.mark.parametrize(("name", "target", "kind"), PAGES)
def test_each_persona_gets_what_its_role_allows(
    persona, name, target, kind, login, personas, followed
):
    events = AuditEvent.objects.count()
    response = login(personas[persona]).get(url_of(name, target, followed))
    read, edit = EXPECTED[persona]
    expected = read if kind == READ else edit
    if expected == 200 and name in RENDERED_BY_WORKER:
        expected = 202
    assert response.status_code == expected
    if response.status_code == 200 and name.endswith("pdf"):
        assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.count() == events
