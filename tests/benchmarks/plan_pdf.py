"""Benchmark: time, memory, pages and size of the plan document PDF as a plan grows.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.plan_pdf [--repeat N] [100 300 1000 ...]

Runs against a throw-away test database on whatever DATABASE_URL names (SQLite by default),
prints one line per size, and asserts nothing: the figures are for the closing notes and for
regressions. Beside our render it times bare WeasyPrint on the very same HTML (no finisher, no
PDF/A) and prints the ratio of CPU times: on a shared machine that ratio holds when wall-clock
seconds do not. Each timing is the best of --repeat renders (default 3). Rows carry a
realistic amount of text (details, location, villages), since row height, not the row count
alone, decides how many pages WeasyPrint lays out.
"""

import io
import logging
import os
import resource
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

import pypdf
import weasyprint
from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment

from notices.pdf import render_plan_html, render_plan_pdf
from projects.models import Project
from tests.benchmarks.plan_page import fill
from tests.support import make_world

EQUIPMENT_SHARE = 10  # one row in ten is equipment (ผด.02/1), as in a typical plan


def realistic_row(world, i) -> dict:
    equipment = i % EQUIPMENT_SHARE == 0
    return {
        "strategy": world["strategies"][i % 2],
        "guideline": world["guidelines"][i % 2],
        "program": world["programs"][i % 2],
        "department": world["departments"][i % 2],
        "form": Project.Form.EQUIPMENT if equipment else Project.Form.PROJECT,
        "equipment_type": world["equipment_type"] if equipment else None,
        "title": f"โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนายคำ หมู่ที่ {i % 12 + 1} ({i})",
        "details": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก กว้าง 4 เมตร ยาว 120 เมตร หนา 0.15 เมตร",
        "location": "บ้านสูงเม่น",
        "months": [10, 11, 12, 1] if i % 3 else [4, 5, 6, 7, 8, 9],
    }


def best_time(render, repeat: int) -> tuple[float, float]:
    """The shortest wall and CPU time of ``repeat`` calls: the least disturbed by neighbours."""
    times = []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        render()
        times.append((time.perf_counter() - started, time.process_time() - started_cpu))
    return min(wall for wall, _ in times), min(cpu for _, cpu in times)


def measure(plan, *, draft: bool, repeat: int):
    pdf = render_plan_pdf(plan, draft=draft)  # warm up templates and fonts
    elapsed, cpu = best_time(lambda: render_plan_pdf(plan, draft=draft), repeat)
    html = render_plan_html(plan, draft=draft)
    bare, bare_cpu = best_time(
        lambda: weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(), repeat
    )
    # Python memory on a separate render: tracing slows Python several times over.
    tracemalloc.start()
    render_plan_pdf(plan, draft=draft)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # A high-water mark of the whole process (kB on Linux), so it covers Pango's C memory too;
    # it only grows, so with several sizes it belongs to the largest so far.
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return elapsed, cpu, bare, bare_cpu, peak, max_rss, pages, len(pdf)


def main(sizes, repeat):
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no per-page progress lines
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        for i, size in enumerate(sizes):
            world = make_world(f"bench{i}", f"องค์การบริหารส่วนตำบลทดสอบ {i}")
            fill(world, size, row=realistic_row)
            for draft in (True, False):
                elapsed, cpu, bare, bare_cpu, peak, max_rss, pages, size_bytes = measure(
                    world["plan"], draft=draft, repeat=repeat
                )
                print(
                    f"{size:>6} projects, {'draft ' if draft else 'issued'}: {elapsed:.2f} s "
                    f"({cpu:.2f} s CPU), bare WeasyPrint on the same HTML {bare:.2f} s "
                    f"({bare_cpu:.2f} s CPU; ratio of CPU times {cpu / bare_cpu:.2f}), "
                    f"peak Python memory {peak / 1e6:.0f} MB, "
                    f"process max RSS {max_rss / 1e6:.0f} MB, {pages} pages, "
                    f"PDF {size_bytes / 1e3:.0f} kB ({connection.vendor})",
                    flush=True,
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    repeat = 3
    if "--repeat" in arguments:
        at = arguments.index("--repeat")
        repeat = int(arguments[at + 1])
        del arguments[at : at + 2]
    main([int(a) for a in arguments] or [100, 300, 1000], repeat)
