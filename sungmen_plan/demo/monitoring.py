"""The demonstration's monitoring: last year's plan followed through its year.

The FY 2564 plan (announced in December 2020) has its half-year round closed, its report
considered by the monitoring committee, presented to the council and announced by the
executive, and posted; and its full year round open, with records moved on since.
Everything goes through the real services (projects.progress, workflow.rounds,
notices.reports), then the timestamps are moved back to when, in this story, each step
happened.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from notices import reports
from notices import services as notices
from notices.models import Posting
from projects import progress
from projects.models import (
    Action,
    AuditEvent,
    MonitoringRound,
    OperationsPlan,
    Procurement,
    ProgressStatus,
    RoundKind,
)
from workflow import rounds
from workflow.models import RoundVote

HALF_YEAR_CLOSED_ON = date(2021, 4, 7)
REPORT_SUBMITTED_ON = date(2021, 4, 9)
REPORT_APPROVED_ON = date(2021, 4, 16)
REPORT_PRESENTED_ON = date(2021, 4, 20)
REPORT_ANNOUNCED_ON = date(2021, 4, 26)
FINDINGS = (
    "โครงการก่อสร้างหลายโครงการเริ่มล่าช้าเพราะรอการโอนเงินอุดหนุน และฝนตกต่อเนื่องในเดือน"
    "พฤศจิกายนทำให้ผู้รับจ้างเข้าพื้นที่ไม่ได้ ระบบบัญชีคอมพิวเตอร์ (e-LAAS) ปิดให้บริการ "
    "กองคลังจึงบันทึกการเบิกจ่ายด้วยตนเอง"
)
RECOMMENDATIONS = (
    "ควรเร่งรัดการจัดซื้อจัดจ้างโครงการที่ยังไม่ดำเนินการให้แล้วเสร็จภายในไตรมาสที่ ๓ "
    "และให้กองช่างรายงานความก้าวหน้าของโครงการก่อสร้างทุกเดือน"
)

# (status, % done, committed and disbursed as shares of the planned budget) by the half year,
# cycled over the plan's projects; the year round moves each one step further.
HALF_YEAR = [
    (ProgressStatus.DONE, Decimal("100"), Decimal("0.97"), Decimal("0.97")),
    (ProgressStatus.IN_PROGRESS, Decimal("60"), Decimal("0.95"), Decimal("0.40")),
    (ProgressStatus.CONTRACTED, Decimal("10"), Decimal("0.92"), Decimal("0")),
    (ProgressStatus.PROCURING, Decimal("0"), None, Decimal("0")),
    (ProgressStatus.NOT_STARTED, Decimal("0"), None, Decimal("0")),
    (ProgressStatus.DONE, Decimal("100"), Decimal("1"), Decimal("1")),
    (ProgressStatus.IN_PROGRESS, Decimal("35"), Decimal("0.90"), Decimal("0.25")),
]
CANCEL_REASON = "ได้รับการสนับสนุนจากหน่วยงานอื่นในพื้นที่เดียวกันแล้ว จึงไม่ซ้ำซ้อน"


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10)))


def seed_monitoring(plan: OperationsPlan, users) -> list[str]:
    """Follow the announced FY 2564 plan; return one line per step taken."""
    if plan.rounds.exists():
        return []
    staff, executive = users["staff"], users["executive"]
    projects = list(plan.projects.order_by("id"))
    planned = dict(
        plan.projects.values("id").annotate(s=Sum("budget_lines__amount")).values_list("id", "s")
    )
    half = rounds.round_open(plan=plan, by=staff, kind=RoundKind.HALF_YEAR)
    for index, project in enumerate(projects):
        budget = planned.get(project.pk) or Decimal("0")
        status, percent, committed, paid = HALF_YEAR[index % len(HALF_YEAR)]
        if index == len(projects) - 1:
            status, percent, committed, paid = ProgressStatus.CANCELLED, Decimal("0"), None, 0
        values = {"status": status, "percent_done": percent}
        if status == ProgressStatus.CANCELLED:
            values["cancel_reason"] = CANCEL_REASON
        if committed is not None and budget:
            values |= {
                "procurement_method": Procurement.SPECIFIC
                if budget < 500_000
                else Procurement.E_BIDDING,
                "contract_amount": (budget * committed).quantize(Decimal("1")),
                "contract_on": date(2020, 12, 1 + index % 25),
                "actual_start": date(2020, 12, 1),
            }
        if status == ProgressStatus.DONE:
            values["actual_end"] = date(2021, 3, 1)
        if status == ProgressStatus.IN_PROGRESS and index % 3 == 0:
            values["problems"] = "ผู้รับจ้างขาดแคลนแรงงานช่วงเทศกาล"
        progress.progress_update(project=project, by=staff, values=values, expected_version=None)
        if paid and budget:
            progress.disbursement_add(
                project=project,
                by=staff,
                paid_on=date(2021, 3, 10 + index % 15),
                amount=(budget * paid).quantize(Decimal("0.01")),
                note="ฎีกาเบิกจ่าย (ตัวอย่าง)",
            )
    rounds.round_close(round=half, by=staff)
    rounds.report_edit(round=half, by=staff, findings=FINDINGS, recommendations=RECOMMENDATIONS)
    rounds.report_submit(round=half, by=staff)
    for member in ("monitor1", "monitor2"):
        rounds.report_vote(round=half, by=users[member], approve=True, comment="เห็นชอบ")
    # The second approval made the quorum: the committee reported to the executive that
    # day, and the seed's rule counts the 15 days to announce from it.
    MonitoringRound.objects.filter(pk=half.pk).update(
        closed_at=_at(HALF_YEAR_CLOSED_ON), reported_on=REPORT_APPROVED_ON
    )
    reported = AuditEvent.objects.get(round=half, changes__has_key="reported_on")
    reported.changes["reported_on"] = ["", REPORT_APPROVED_ON.isoformat()]
    reported.save(update_fields=["changes"])
    half.refresh_from_db()
    # Presented to the council four days after the approval and announced six days later,
    # the announcement taking the recorded day: ten days after the committee's report,
    # within the seed rule's 15 days and its end of April.
    rounds.report_present(round=half, by=executive, presented_on=REPORT_PRESENTED_ON)
    reports.report_announce(
        round=half,
        by=executive,
        announced_on=REPORT_ANNOUNCED_ON,
        signer_name=f"{executive.first_name} {executive.last_name}",
        signer_title=plan.organization.executive_title,
    )
    _backdate(half)
    # Posted on the office board four days after the announcement, and kept 35 days.
    office = notices.posting_record(
        round=half,
        by=staff,
        place=Posting.Place.OFFICE,
        posted_on=REPORT_ANNOUNCED_ON + timedelta(days=4),
    )
    notices.posting_take_down(
        posting=office, taken_down_on=REPORT_ANNOUNCED_ON + timedelta(days=39), by=staff
    )
    done = [f"{plan.title}: รอบ ๖ เดือน ปิดรอบแล้ว รายงานผ่านคณะกรรมการติดตามฯ และประกาศแล้ว"]

    year = rounds.round_open(plan=plan, by=staff, kind=RoundKind.FULL_YEAR)
    for index, project in enumerate(projects[:-1]):
        record = progress.progress_of(project)
        budget = planned.get(project.pk) or Decimal("0")
        if record.status in (ProgressStatus.IN_PROGRESS, ProgressStatus.CONTRACTED):
            progress.progress_update(
                project=project,
                by=staff,
                values={
                    "status": ProgressStatus.IN_PROGRESS,
                    "percent_done": min(Decimal("90"), record.percent_done + 30),
                },
                expected_version=record.version,
            )
            if budget:
                progress.disbursement_add(
                    project=project,
                    by=staff,
                    paid_on=date(2021, 6, 1 + index % 25),
                    amount=(budget * Decimal("0.3")).quantize(Decimal("0.01")),
                    note="ฎีกาเบิกจ่าย งวดที่ ๒ (ตัวอย่าง)",
                )
    AuditEvent.objects.filter(round=year).update(at=_at(date(2021, 7, 1)))
    done.append(f"{plan.title}: รอบ ๑๒ เดือน เปิดรับข้อมูลอยู่")
    return done


def _backdate(round: MonitoringRound) -> None:
    """Each step of the half-year round at the day it happened in this story."""
    days = {
        Action.ROUND_OPEN: date(2021, 4, 1),
        Action.ROUND_CLOSE: HALF_YEAR_CLOSED_ON,
        Action.REPORT_SUBMIT: REPORT_SUBMITTED_ON,
        Action.REPORT_APPROVE: REPORT_APPROVED_ON,
        Action.REPORT_PRESENT: REPORT_PRESENTED_ON,
        Action.REPORT_ANNOUNCE: REPORT_ANNOUNCED_ON,
    }
    for action, day in days.items():
        AuditEvent.objects.filter(round=round, action=action).update(at=_at(day))
    AuditEvent.objects.filter(round=round, action="").update(at=_at(HALF_YEAR_CLOSED_ON))
    RoundVote.objects.filter(round=round).update(at=_at(REPORT_APPROVED_ON))
    MonitoringRound.objects.filter(pk=round.pk).update(opened_at=_at(date(2021, 4, 1)))
    Posting.objects.filter(round=round, place=Posting.Place.WEBSITE).update(
        posted_on=REPORT_ANNOUNCED_ON
    )
    # The project records as they stood are in the round's entries; their history lines
    # are dated back to the half year.
    AuditEvent.objects.filter(
        plan_id=round.plan_id,
        kind__in=[AuditEvent.Kind.PROGRESS_UPDATED, AuditEvent.Kind.DISBURSEMENT_ADDED],
    ).update(at=_at(date(2021, 3, 31)))
