"""A made-up monitoring round for the report tests: seven projects of an announced plan,
their records entered through the progress services, the round closed (its snapshot), and,
when asked, its report carried to the announcement through the real steps.

    done 3, under way 2 (procuring, contracted), not started 1, cancelled 1 of 7:
    42.86 + 28.57 + 14.29 + 14.29 = 100.01, each rounded half up from its own count.
"""

from datetime import date
from decimal import Decimal

import time_machine

from notices import reports
from projects import progress
from projects.models import MonitoringRound, ProgressStatus, Project, RoundKind
from tests.support import add_project
from workflow import rounds

# The day the round is closed and its report announced (within the report's 15 days).
REPORT_DAY = date(2022, 4, 5)

OTHER_AGENCY = "แขวงทางหลวงชนบทแพร่"
CANCEL_REASON = "ได้รับงบประมาณจากกรมส่งเสริมการปกครองท้องถิ่นแทน"
PROBLEM = "ผู้รับจ้างส่งมอบงานล่าช้าเพราะฝนตกต่อเนื่อง"
FINDINGS = "การเบิกจ่ายงบประมาณล่าช้ากว่าแผนในไตรมาสที่สอง"
RECOMMENDATIONS = "ควรเร่งรัดการจัดซื้อจัดจ้างให้แล้วเสร็จภายในไตรมาสแรกของปีงบประมาณ"

# (title, strategy index, program index, amount, status, disbursed, extra project fields)
ROWS = [
    ("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 2", 0, 0, "300000", "done", "300000", {}),
    ("โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 1", 0, 0, "150000", "contracted", "0", {}),
    ("โครงการรณรงค์ป้องกันโรคไข้เลือดออก", 0, 1, "50000", "done", "45000", {}),
    ("โครงการอบรมอาสาสมัครสาธารณสุข", 1, 1, "40000", "done", "40000", {}),
    ("โครงการจัดซื้อวัสดุการแพทย์", 1, 1, "60000", "procuring", "0", {}),
    (
        "โครงการซ่อมสร้างผิวทางลาดยาง สายแพร่–สูงเม่น",
        1,
        1,
        "900000",
        "cancelled",
        "0",
        {"ownership": Project.Ownership.OTHER_AGENCY, "agency": OTHER_AGENCY},
    ),
]


def fill_round_projects(world) -> list[Project]:
    """Six more projects beside the announced plan's first (which stays not started)."""
    s = world["strategies"]
    projects = []
    for title, strategy, program, amount, *_rest, extra in ROWS:
        projects.append(
            add_project(
                world,
                title=title,
                amounts=(amount,),
                strategy=s[strategy],
                guideline=world["guidelines"][strategy],
                program=world["programs"][program],
                **extra,
            )
        )
    return projects


def record(project, by, status, disbursed) -> None:
    values = {"status": status}
    if status == ProgressStatus.CANCELLED:
        values["cancel_reason"] = CANCEL_REASON
    if status in (ProgressStatus.CONTRACTED, ProgressStatus.DONE):
        values["contract_amount"] = project.budget_lines.first().amount
    if status == ProgressStatus.CONTRACTED:
        values["problems"] = PROBLEM
    values["percent_done"] = Decimal("100") if status == ProgressStatus.DONE else Decimal("0")
    progress.progress_update(project=project, by=by, values=values, expected_version=None)
    if Decimal(disbursed):
        progress.disbursement_add(
            project=project, by=by, paid_on=date(2022, 3, 1), amount=Decimal(disbursed)
        )


def closed_round(world, plan, personas) -> MonitoringRound:
    """The half-year round of the announced plan, closed with the seven projects' records."""
    staff = personas["staff"]
    with time_machine.travel(REPORT_DAY, tick=False):
        projects = fill_round_projects(world)
        round = rounds.round_open(plan=plan, by=staff, kind=RoundKind.HALF_YEAR)
        for project, (_t, _s, _p, _a, status, disbursed, _e) in zip(projects, ROWS, strict=True):
            record(project, staff, status, disbursed)
        rounds.round_close(round=round, by=staff)
        rounds.report_edit(
            round=round, by=staff, findings=FINDINGS, recommendations=RECOMMENDATIONS
        )
    round.refresh_from_db()
    return round


def announce_report(round, personas, capture, *, on: date = REPORT_DAY) -> MonitoringRound:
    """The report submitted, approved by the monitoring committee and announced; its render
    runs after the commit, as a worker would."""
    with time_machine.travel(on, tick=False), capture(execute=True):
        rounds.report_submit(round=round, by=personas["staff"])
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
        reports.report_announce(
            round=round,
            by=personas["executive"],
            announced_on=on,
            signer_name="นายสมมุติ ตัวอย่างดี",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
            presented_on=on,
        )
    round.refresh_from_db()
    return round
