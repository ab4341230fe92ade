"""Benchmark: the monitoring report of a plan's closed round, rendered by our path (the issued
PDF/A with the corrected text layer, notices.report_pdf.render_report_pdf) beside bare
WeasyPrint on the very same HTML (no finisher, no PDF/A), side by side in one run.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.report_pdf [--repeat N] [300 ...]

Runs against a throw-away test database on whatever DATABASE_URL names (SQLite by default)
and prints one line per size: both times (wall and CPU, the best of --repeat renders,
default 3, alternating the two so a neighbour's burst hits both alike), the ratio of CPU
times (the target: within 1.05), pages and size. Asserts nothing. The round is realistic:
every status, a tenth of the projects other agencies', cancelled ones with their reasons,
problems on a sixth, two payments for each project under way or done.
"""

import io
import logging
import os
import sys
import time
from datetime import date, datetime
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

import pypdf
import time_machine
import weasyprint
from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment

from notices.report_pdf import render_report_html, render_report_pdf
from projects.models import (
    Disbursement,
    ProgressStatus,
    Project,
    ProjectProgress,
    Role,
    RoundKind,
)
from tests.benchmarks.plan_page import fill
from tests.benchmarks.plan_pdf import realistic_row
from tests.support import announce, make_user, make_world
from workflow import rounds
from workflow.models import RoundAnnouncement

STATUSES = [
    ProgressStatus.DONE,
    ProgressStatus.DONE,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.CONTRACTED,
    ProgressStatus.PROCURING,
    ProgressStatus.NOT_STARTED,
    ProgressStatus.DONE,
    ProgressStatus.CANCELLED,
]
CLOSED_ON = datetime(2022, 4, 5, 10, 0)


def report_row(world, i) -> dict:
    row = realistic_row(world, i)
    if i % 10 == 3:
        row |= {"ownership": Project.Ownership.OTHER_AGENCY, "agency": "แขวงทางหลวงชนบทแพร่"}
    return row


def closed_round(world, size: int, tag: str = "bench"):
    """A plan of ``size`` projects, announced, with its half-year round closed and its report
    announced (the signer printed): the round as the worker renders it."""
    fill(world, size, row=report_row)
    plan = announce(world["plan"])
    staff = make_user(f"{tag}-staff", world["org"], Role.PLANNING_STAFF)
    projects = list(Project.objects.filter(plan=plan).order_by("id"))
    records, payments = [], []
    for i, project in enumerate(projects):
        status = STATUSES[i % len(STATUSES)]
        records.append(
            ProjectProgress(
                project=project,
                status=status,
                cancel_reason="ได้รับงบประมาณจากหน่วยงานอื่นแทน" if status == "cancelled" else "",
                contract_amount=Decimal("24000.00") if status != "not_started" else None,
                percent_done=Decimal("100") if status == "done" else Decimal("40"),
                problems="ผู้รับจ้างส่งมอบงานล่าช้าเพราะฝนตกต่อเนื่อง" if i % 6 == 1 else "",
                updated_by=staff,
            )
        )
        if status in (ProgressStatus.DONE, ProgressStatus.IN_PROGRESS):
            for day in (date(2022, 1, 15), date(2022, 3, 15)):
                payments.append(
                    Disbursement(
                        project=project, paid_on=day, amount=Decimal("10000.25"), recorded_by=staff
                    )
                )
    ProjectProgress.objects.bulk_create(records)
    Disbursement.objects.bulk_create(payments)
    with time_machine.travel(CLOSED_ON, tick=False):
        round = rounds.round_open(plan=plan, by=staff, kind=RoundKind.HALF_YEAR)
        rounds.round_close(round=round, by=staff)
        rounds.report_edit(
            round=round,
            by=staff,
            findings="การเบิกจ่ายงบประมาณล่าช้ากว่าแผนในไตรมาสที่สอง",
            recommendations="ควรเร่งรัดการจัดซื้อจัดจ้างให้แล้วเสร็จภายในไตรมาสแรก",
        )
    # The announcement as the executive's step records it (workflow.rounds.report_announce);
    # set directly, since what is measured is the render, not the committee's path.
    RoundAnnouncement.objects.create(
        round=round,
        announced_on=CLOSED_ON.date(),
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายกองค์การบริหารส่วนตำบล",
        by=staff,
    )
    round.refresh_from_db()
    return round


def best_of(renders: dict, repeat: int) -> dict:
    """The shortest wall and CPU time of each render over ``repeat`` rounds, taken in turn."""
    best = {name: (float("inf"), float("inf")) for name in renders}
    for _ in range(repeat):
        for name, render in renders.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            render()
            wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def measure(round, repeat: int) -> str:
    """One line of figures for the report of ``round``."""
    pdf = render_report_pdf(round, draft=False)  # warm up templates, fonts, the dictionary
    html = render_report_html(round, draft=False)
    weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    times = best_of(
        {
            "ours": lambda: render_report_pdf(round, draft=False),
            "bare": lambda: weasyprint.HTML(
                string=html, base_url=str(settings.BASE_DIR)
            ).write_pdf(),
        },
        repeat,
    )
    (wall, cpu), (bare, bare_cpu) = times["ours"], times["bare"]
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    projects = round.entries.count()
    return (
        f"{projects:>6} projects, issued report: {wall:.2f} s ({cpu:.2f} s CPU), "
        f"bare WeasyPrint on the same HTML {bare:.2f} s ({bare_cpu:.2f} s CPU); "
        f"ratio of CPU times {cpu / bare_cpu:.3f} (target 1.05), "
        f"{pages} pages, PDF {len(pdf) / 1e3:.0f} kB ({connection.vendor})"
    )


def main(sizes, repeat):
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no per-page progress lines
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        for i, size in enumerate(sizes):
            world = make_world(f"bench{i}", f"องค์การบริหารส่วนตำบลทดสอบ {i}")
            print(measure(closed_round(world, size, tag=f"bench{i}"), repeat), flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    repeat = 3
    if "--repeat" in arguments:
        at = arguments.index("--repeat")
        repeat = int(arguments[at + 1])
        del arguments[at : at + 2]
    main([int(a) for a in arguments] or [300], repeat)
