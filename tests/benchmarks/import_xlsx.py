"""Benchmark: an Excel import of 300 and 2,000 rows, through the real pages.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.import_xlsx [300 2000 ...]

For each size: the upload (read, preview, keep the file), the preview page, the confirmation
(read again, write every row) of a file of new projects, then of the same projects all
changed (updates). Prints time, SQL queries and peak Python memory of each step; the number
of queries must not grow with the rows beyond the database's batches. Runs against a
throw-away test database on whatever DATABASE_URL names (SQLite by default); asserts
nothing: tests/test_import_*.py check the behaviour.
"""

import os
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse

from projects.models import Project, Role
from tests.support import make_user, make_world, xlsx
from tests.test_import_reading import HEADINGS, good_row

MORE = [None] * 7 + ["งบดำเนินงาน", "ค่าใช้สอย", "เงินสะสม", "๕,๐๐๐"]


def new_file(size: int) -> bytes:
    """``size`` spreadsheet rows (the limit counts those): projects, every fourth followed by
    a row of a second budget line."""
    rows = [HEADINGS]
    i = 0
    while len(rows) <= size:
        rows.append(good_row(i))
        if i % 4 == 0 and len(rows) <= size:
            rows.append(MORE)
        i += 1
    return xlsx(rows)


def changed_file(plan) -> bytes:
    rows = [["รหัสโครงการ", *HEADINGS]]
    for project in plan.projects.order_by("pk"):
        row = good_row(project.pk)
        row[0] = f"{project.title} (แก้ไข)"
        rows.append([project.pk, *row])
    return xlsx(rows)


def step(call, trace: bool):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = call()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    assert response.status_code in (200, 302), response.status_code
    return elapsed, len(queries), peak, response


def run(client, plan, content, trace):
    upload_url = reverse("projects:import_upload", args=[plan.pk])
    figures = {}
    figures["upload"] = step(
        lambda: client.post(upload_url, {"file": SimpleUploadedFile("plan.xlsx", content)}),
        trace,
    )
    url = figures["upload"][3].url
    figures["preview page"] = step(lambda: client.get(url), trace)
    figures["confirm"] = step(lambda: client.post(url), trace)
    return figures


def main(sizes):
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        for i, size in enumerate(sizes):
            timed, traced = {}, {}
            for trace, into in ((False, timed), (True, traced)):
                # Tracing slows Python several times over: time and memory are separate runs.
                n = f"{i}{'m' if trace else 't'}"
                world = make_world(f"bench{n}", f"องค์การบริหารส่วนตำบลทดสอบ {n}")
                client.force_login(make_user(f"bench{n}", world["org"], Role.PLANNING_STAFF))
                plan = world["plan"]
                content = new_file(size)
                for name, figures in run(client, plan, content, trace).items():
                    into[f"new: {name}"] = figures
                projects = plan.projects.count()
                for name, figures in run(client, plan, changed_file(plan), trace).items():
                    into[f"update: {name}"] = figures
                assert Project.objects.filter(plan=plan, version=2).count() == projects
            print(
                f"{size} rows ({projects} projects), {len(content) / 1e3:.0f} kB file "
                f"({connection.vendor}):"
            )
            for name, (elapsed, queries, _peak, _r) in timed.items():
                peak = traced[name][2]
                print(
                    f"  {name:<22} {elapsed * 1000:>7.0f} ms  {queries:>4} queries  "
                    f"peak Python memory {peak / 1e6:>6.1f} MB"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 2000])
