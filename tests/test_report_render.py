"""The announced report's render on the task worker: claimed like the plan's document (one
winner, the same task takes its claim back), stored with its SHA-256, FAILED with the error,
retried on request with a line in the plan's history, and queued again by the sweep."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notices import issue, reports
from notices.models import ReportDocument
from notices.services import PostingError
from projects.models import AuditEvent
from tests.report_support import announce_report, closed_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round(world, announced, personas):
    return closed_round(world, announced, personas)


@pytest.fixture
def issued(round, personas, django_capture_on_commit_callbacks):
    return announce_report(round, personas, django_capture_on_commit_callbacks)


@pytest.fixture
def no_fonts(settings, tmp_path):
    """A machine without the Sarabun files (npm ci not run): every render fails for real."""
    settings.NODE_MODULES = str(tmp_path / "node_modules")


def retried(round):
    return AuditEvent.objects.filter(round=round, kind=AuditEvent.Kind.REPORT_RETRIED)


def test_it_renders_the_report_once_after_the_announcement(issued):
    document = ReportDocument.objects.get(round=issued)
    assert (document.status, document.render_task_id != "") == ("ready", True)
    content = bytes(document.content)
    # A second run of the task (a retry, a second worker) changes nothing.
    assert reports.report_render(round_id=issued.pk) is None
    document.refresh_from_db()
    assert bytes(document.content) == content


def test_it_lets_one_claim_win_and_its_task_take_it_back(round):
    ReportDocument.objects.create(round=round)
    documents = ReportDocument.objects.filter(round=round)
    assert issue.claim(documents, "task-a") is True
    assert issue.claim(documents, "task-b") is False
    assert issue.claim(documents, "task-a") is True
    assert issue.claim(documents, "") is False
    assert reports.report_render(round_id=round.pk, task_id="task-b") is None
    assert documents.get().status == ReportDocument.Status.RENDERING


def test_it_marks_a_failed_render_failed_with_its_error(
    round, personas, no_fonts, django_capture_on_commit_callbacks
):
    issued = announce_report(round, personas, django_capture_on_commit_callbacks)
    document = ReportDocument.objects.get(round=issued)
    assert document.status == ReportDocument.Status.FAILED
    assert "No such file" in document.error or "FileNotFoundError" in document.error
    assert document.content is None and document.sha256 == ""


def test_it_retries_a_failed_report_and_records_who_asked(
    round, personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    fonts = settings.NODE_MODULES
    settings.NODE_MODULES = str(tmp_path / "none")
    issued = announce_report(round, personas, django_capture_on_commit_callbacks)
    assert ReportDocument.objects.get(round=issued).has_failed
    settings.NODE_MODULES = fonts  # the fonts installed, someone asks again
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_retry(issued, personas["staff"])
    document = ReportDocument.objects.get(round=issued)
    assert document.is_ready and document.error == ""
    [event] = retried(issued)
    assert (event.actor, event.plan_id) == (personas["staff"], issued.plan_id)
    assert event.changes == {"document": ["จัดทำไม่สำเร็จ", "ขอจัดทำอีกครั้ง"]}


def test_it_refuses_to_retry_a_ready_report_and_records_nothing(issued, personas):
    with pytest.raises(PostingError, match="จัดทำเสร็จแล้ว"):
        reports.report_retry(issued, personas["staff"])
    assert not retried(issued).exists()


def test_it_refuses_to_retry_a_report_not_yet_announced(round, personas):
    with pytest.raises(PostingError, match="ยังไม่ได้ประกาศ"):
        reports.report_retry(round, personas["staff"])
    assert not retried(round).exists()


def test_it_retries_from_the_page_for_editors_only(
    round, personas, login, no_fonts, django_capture_on_commit_callbacks
):
    issued = announce_report(round, personas, django_capture_on_commit_callbacks)
    url = reverse("notices:report_retry", args=[issued.pk])
    for persona in ("member", "monitor", "executive", "outsider", "nobody"):
        assert login(personas[persona]).post(url).status_code in (403, 404), persona
    assert not retried(issued).exists()
    assert login(personas["staff"]).get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = login(personas["staff"]).post(url)
    assert response.status_code == 302
    assert response.url == reverse("notices:report_notice", args=[issued.pk])
    assert retried(issued).count() == 1


def test_the_sweep_queues_owed_reports_again(round, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ReportDocument.objects.create(round=round, status=ReportDocument.Status.FAILED)
    out = io.StringIO()
    call_command("render_documents", stdout=out)
    assert f"รอบการติดตาม {round.pk}: ส่งเข้าคิวจัดทำรายงาน" in out.getvalue()
    [task] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert (task.task_path, task.args_kwargs["args"]) == ("notices.tasks.report_render", [round.pk])
