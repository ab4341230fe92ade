"""Announcing a monitoring round's report with its notice, and issuing its document.

The same composition as a plan's announcement (notices/services.py): workflow/rounds.py's
step takes the issuer from here, which creates the report's one ReportDocument and its
website posting in the announcement's transaction and queues the render for a task worker.
The render is claimed, stored and retried by the same functions as the plan's document
(notices/issue.py), from the round's snapshot only (notices/report_pdf.py).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices import issue, tasks
from notices.models import Posting, ReportDocument
from notices.report_pdf import render_report_pdf
from notices.services import PostingError, public_url
from projects import queue
from projects.models import AuditEvent, MonitoringRound
from projects.public_state import organization_changed
from workflow import rounds
from workflow.models import RoundAnnouncement


def report_announce(
    *,
    round: MonitoringRound,
    by,
    announced_on,
    signer_name: str,
    signer_title: str,
    presented_on=None,
) -> RoundAnnouncement:
    """The executive announces the round's report: the stage moves, the report owes its one
    document (rendered after commit), and it is posted on the website with this commit."""
    return rounds.report_announce(
        round=round,
        by=by,
        announced_on=announced_on,
        signer_name=signer_name,
        signer_title=signer_title,
        presented_on=presented_on,
        issue=_issue_report,
    )


def _issue_report(round: MonitoringRound, by) -> None:
    report_request(round=round)
    Posting.objects.create(
        plan_id=round.plan_id,
        round=round,
        place=Posting.Place.WEBSITE,
        place_detail=public_url(round.plan),
        posted_on=timezone.localdate(),
        recorded_by=by,
        note="บันทึกอัตโนมัติเมื่อรายงานผลการติดตามเผยแพร่บนหน้าเว็บสาธารณะ",
    )
    slug = round.plan.organization.slug
    transaction.on_commit(lambda: organization_changed(slug))


def report_request(*, round: MonitoringRound) -> ReportDocument:
    """Called inside the announcement's transaction: the round now owes one document."""
    document = ReportDocument.objects.create(round=round)
    queue.enqueue(tasks.report_render, round.pk)
    return document


def report_requeue(*, round: MonitoringRound) -> None:
    """Queue the report's render again (the recovery sweep); a no-op once it is ready."""
    queue.enqueue(tasks.report_render, round.pk)


def report_retry(round: MonitoringRound, by) -> None:
    """Render the announced report again after a failure, on a person's request: queued, and
    recorded in the plan's history. A ready report is never rendered again."""
    if not round.is_announced:
        raise PostingError(_("รายงานของรอบนี้ยังไม่ได้ประกาศ จึงยังไม่มีเอกสารให้จัดทำ"))
    if not issue.render_again(
        ReportDocument.objects.filter(round=round),
        by=by,
        kind=AuditEvent.Kind.REPORT_RETRIED,
        requeue=lambda: report_requeue(round=round),
        plan_id=round.plan_id,
        round=round,
        subject=str(round.get_kind_display()),
    ):
        raise PostingError(_("รายงานของรอบนี้จัดทำเสร็จแล้ว ไม่ต้องจัดทำอีกครั้ง"))


def report_render(*, round_id: int, task_id: str = "") -> ReportDocument | None:
    """On a task worker: render and store the announced report from the round's snapshot,
    unless it is ready or another task is rendering it."""
    documents = ReportDocument.objects.filter(round_id=round_id).select_related(
        "round__plan__organization", "round__announcement"
    )
    document = issue.render_stored(
        documents, task_id=task_id, render=lambda d: render_report_pdf(d.round, draft=False)
    )
    if document is not None:
        organization_changed(document.round.plan.organization.slug)  # the report to download
    return document
