"""Announcing a monitoring round's report with its notice, and issuing its document.

The same composition as a plan's announcement (notices/services.py): workflow/rounds.py's
step takes the issuer from here, which creates the report's one ReportDocument and its
website posting in the announcement's transaction and queues the render for a task worker.
"""

from django.db import transaction
from django.utils import timezone

from notices import tasks
from notices.models import Posting, ReportDocument
from notices.services import public_url
from projects import queue
from projects.models import MonitoringRound
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
