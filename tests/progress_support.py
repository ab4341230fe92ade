"""Helpers of the public-progress tests (tests/test_public_progress*.py): a plan followed
through the real services, a round closed and its report announced, a report's PDF issued
as the task worker would issue it."""

import hashlib
from datetime import date
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from notices import reports
from notices.models import ReportDocument
from notices.portal.views import plan_kwargs
from projects import progress
from projects.models import MonitoringRound, ProgressStatus, Project, RoundKind
from projects.public_state import organization_changed
from tests.support import add_project, announce
from workflow import rounds

# Words that appear only in what must stay private: the open round's records.
OPEN_PROBLEM = "ปัญหาลับรอบเปิดคลองน้ำใส"
OPEN_PAYMENT = Decimal("77777.77")
OPEN_PAYMENT_TEXT = ("77,777.77", "77777.77")
REPORT_PDF = b"%PDF-1.7\n% monitoring report\n"


def followed_plan(world):
    """An announced plan of three projects: two of strategy 1 (one another agency's), one of
    strategy 2."""
    _s1, s2 = world["strategies"]
    road = add_project(world, title="ก่อสร้างถนนคอนกรีต หมู่ที่ 1", amounts=("250000",))
    clinic = add_project(
        world,
        title="ส่งเสริมสุขภาพผู้สูงอายุ",
        amounts=("100000",),
        strategy=s2,
        guideline=world["guidelines"][1],
        program=world["programs"][1],
    )
    bridge = add_project(
        world,
        title="ซ่อมสะพานข้ามลำน้ำ",
        amounts=("50000",),
        ownership=Project.Ownership.OTHER_AGENCY,
        agency="กรมทางหลวงชนบท",
    )
    plan = announce(world["plan"])
    return plan, {"road": road, "clinic": clinic, "bridge": bridge}


def record_half_year(projects, staff):
    """Records as they stand at the end of March (2565)."""
    with time_machine.travel(date(2022, 4, 2), tick=False):
        progress.progress_update(
            project=projects["road"],
            by=staff,
            values={"status": ProgressStatus.IN_PROGRESS, "percent_done": Decimal("40")},
            expected_version=None,
        )
        progress.progress_update(
            project=projects["clinic"],
            by=staff,
            values={"status": ProgressStatus.DONE, "percent_done": Decimal("100")},
            expected_version=None,
        )
        progress.progress_update(
            project=projects["bridge"],
            by=staff,
            values={"status": ProgressStatus.CANCELLED, "cancel_reason": "กรมฯ ไม่ได้รับจัดสรร"},
            expected_version=None,
        )
        progress.disbursement_add(
            project=projects["road"], by=staff, paid_on=date(2022, 3, 1), amount=Decimal("100000")
        )
        progress.disbursement_add(
            project=projects["clinic"],
            by=staff,
            paid_on=date(2022, 2, 1),
            amount=Decimal("98765.43"),
        )


def close(round: MonitoringRound, staff, capture, on: date = date(2022, 4, 5)):
    """Close through the service, running its on-commit step (the public pages' version)."""
    with time_machine.travel(on, tick=False), capture(execute=True):
        rounds.round_close(round=round, by=staff)
    round.refresh_from_db()
    return round


def approve(round: MonitoringRound, staff, monitor, on: date = date(2022, 4, 6)):
    """Submitted and approved the day after the close: the committee's report (reported_on)
    comes before the announcement, as the steps require."""
    with time_machine.travel(on, tick=False):
        rounds.report_submit(round=round, by=staff)
        rounds.report_vote(round=round, by=monitor, approve=True)
    round.refresh_from_db()
    return round


def announce_report(round: MonitoringRound, executive, capture, on: date = date(2022, 4, 20)):
    """The executive announces through notices.reports; the render is left to the worker
    (issue_report), which has not run yet: the document is pending."""
    with time_machine.travel(on, tick=False), capture() as callbacks:
        reports.report_announce(
            round=round,
            by=executive,
            announced_on=on,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
        )
    assert callbacks  # the render and the public pages' version wait for the commit
    organization_changed(round.plan.organization.slug)
    round.refresh_from_db()
    return round


def issue_report(round: MonitoringRound, content: bytes = REPORT_PDF) -> ReportDocument:
    """The stored report as the task worker leaves it (notices.issue.render_stored), and
    the pages told (as for plans)."""
    ReportDocument.objects.filter(round=round).update(
        status=ReportDocument.Status.READY,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        rendered_at=timezone.now(),
    )
    organization_changed(round.plan.organization.slug)
    return ReportDocument.objects.get(round=round)


def record_after_close(projects, staff):
    """The next round's records, open: none of this may be public."""
    with time_machine.travel(date(2022, 4, 25), tick=False):
        progress.progress_update(
            project=projects["road"],
            by=staff,
            values={
                "status": ProgressStatus.DONE,
                "percent_done": Decimal("100"),
                "problems": OPEN_PROBLEM,
            },
            expected_version=1,
        )
        progress.disbursement_add(
            project=projects["road"], by=staff, paid_on=date(2022, 4, 22), amount=OPEN_PAYMENT
        )


def open_round(plan, staff, kind=RoundKind.FULL_YEAR):
    with time_machine.travel(date(2022, 4, 21), tick=False):
        return rounds.round_open(plan=plan, by=staff, kind=kind)


def progress_url(plan, fmt: str) -> str:
    return reverse("public:progress_download", kwargs={**plan_kwargs(plan), "fmt": fmt})


def api_progress_url(plan) -> str:
    return reverse("public:api_progress", kwargs=plan_kwargs(plan))


def report_url(plan, kind) -> str:
    return reverse("public:report_pdf", kwargs={**plan_kwargs(plan), "kind": str(kind)})


def reported(
    plan, people: dict, capture, kind=RoundKind.HALF_YEAR, content: bytes = REPORT_PDF
) -> MonitoringRound:
    """A round of the plan taken through the services to its end: opened, closed, approved
    by the monitoring committee, its report announced (20 April 2565) and issued by a
    worker the day after. ``people``: the plan's
    organization's staff, monitor and executive."""
    with time_machine.travel(date(2022, 4, 1), tick=False):
        round = rounds.round_open(plan=plan, by=people["staff"], kind=kind)
    close(round, people["staff"], capture)
    approve(round, people["staff"], people["monitor"])
    announce_report(round, people["executive"], capture)
    with time_machine.travel(date(2022, 4, 21), tick=False):
        issue_report(round, content)
    round.refresh_from_db()
    return round
