"""Benchmark: the Excel import of progress at 300 and 2,000 rows, through the real pages.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.progress_import [300 2000 ...]

For each size, an announced plan of that many projects, half of them with a record already:
the plan's progress file downloaded, every row changed (status, progress, a new payment),
then uploaded (read, preview, keep the file), its preview page, its confirmation (every row
written). Prints seconds and SQL queries of each step, and beside them the ceiling: openpyxl
alone reading the same file as the import reads it (read-only, values only). Runs against a
throw-away test database on whatever DATABASE_URL names (SQLite by default); asserts
nothing: tests/test_progress_import.py asserts the constant query counts.
"""

import os
import sys
import time
from io import BytesIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import AuditEvent, Disbursement, ProgressStatus, ProjectProgress, Role
from tests.support import announce, fill, make_user, make_world

SHEET = "ผลการดำเนินงาน"


def followed_plan(n: int, size: int):
    """An announced plan of ``size`` projects; every second one has a record (version 1)."""
    world = make_world(f"bench{n}", f"องค์การบริหารส่วนตำบลทดสอบ {n}")
    projects = fill(world, size)
    plan = announce(world["plan"])
    staff = make_user(f"staff{n}", world["org"], Role.PLANNING_STAFF)
    ProjectProgress.objects.bulk_create(
        ProjectProgress(project=p, status=ProgressStatus.PROCURING, updated_by=staff)
        for p in projects[::2]
    )
    return plan, staff


def changed_file(client: Client, plan) -> bytes:
    """The plan's own file with every row changed and a payment on each."""
    response = client.get(reverse("projects:progress_template", args=[plan.pk]))
    assert response.status_code == 200, response.status_code
    book = load_workbook(BytesIO(response.content))
    sheet = book[SHEET]
    columns = {cell.value: n for n, cell in enumerate(sheet[2], 1)}
    for n, row in enumerate(range(3, sheet.max_row + 1)):
        sheet.cell(row, columns["สถานะ"]).value = "อยู่ระหว่างดำเนินการ"
        sheet.cell(row, columns["ความก้าวหน้า (ร้อยละ)"]).value = 1 + n % 90
        sheet.cell(row, columns["วันที่เบิกจ่าย (รายการใหม่)"]).value = "1/3/2565"
        sheet.cell(row, columns["จำนวนเงินเบิกจ่าย (รายการใหม่)"]).value = 100 + n
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def step(call, *args):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = call(*args)
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 302), response.status_code
    return elapsed, len(queries), response


def openpyxl_alone(content: bytes) -> float:
    started = time.perf_counter()
    book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    for _row in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        for n, size in enumerate(sizes):
            plan, staff = followed_plan(n, size)
            client.force_login(staff)
            content = changed_file(client, plan)
            upload_url = reverse("projects:progress_import_upload", args=[plan.pk])
            file = SimpleUploadedFile("progress.xlsx", content)
            upload = step(client.post, upload_url, {"file": file})
            url = upload[2].url
            preview = step(client.get, url)
            assert preview[2].context["counts"]["change"] == size, preview[2].context["counts"]
            confirm = step(client.post, url)
            assert confirm[2].status_code == 302, "the confirmation was refused"
            assert Disbursement.objects.filter(project__plan=plan).count() == size
            assert ProjectProgress.objects.filter(project__plan=plan, version=2).count() == (
                (size + 1) // 2
            )
            events = AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.PROGRESS_UPDATED)
            assert events.count() == size
            ceiling = openpyxl_alone(content)
            print(f"{size} rows, {len(content) / 1e3:.0f} kB file ({connection.vendor}):")
            for name, (elapsed, queries, _r) in (
                ("upload (read, preview)", upload),
                ("preview page", preview),
                ("confirm", confirm),
            ):
                print(f"  {name:<24} {elapsed:>7.2f} s  {queries:>4} queries")
            print(f"  {'openpyxl alone, reading':<24} {ceiling:>7.2f} s")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 2000])
