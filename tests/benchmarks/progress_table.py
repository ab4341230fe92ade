"""Benchmark: the plan's progress table (/plans/<id>/progress/) at 200 and 1,000 projects.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.progress_table [200 1000 ...]

For each size, an announced plan whose every third project has a record and every fourth a
payment: the fastest of ten GETs of the whole page as staff (ms), its SQL queries and its
size, the time of the rows alone (progress_rows: the queries and the "behind" rules), and
the rest: the template, mostly. Runs against a throw-away
test database on whatever DATABASE_URL names (SQLite by default); asserts nothing:
tests/test_progress_table.py asserts the constant query count and the cells' text.
"""

import os
import sys
import time
from datetime import date
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse

from projects.models import Disbursement, ProgressStatus, ProjectProgress, Role
from projects.progress_table import progress_rows
from tests.support import announce, fill, make_user, make_world

REPEAT = 10


def followed_plan(n: int, size: int):
    world = make_world(f"table{n}", f"องค์การบริหารส่วนตำบลทดสอบ {n}")
    projects = fill(world, size)
    plan = announce(world["plan"])
    staff = make_user(f"staff{n}", world["org"], Role.PLANNING_STAFF)
    ProjectProgress.objects.bulk_create(
        ProjectProgress(
            project=p,
            status=ProgressStatus.IN_PROGRESS,
            percent_done=Decimal(i % 100),
            contract_amount=Decimal("1900.25"),
            updated_by=staff,
        )
        for i, p in enumerate(projects[::3])
    )
    Disbursement.objects.bulk_create(
        Disbursement(project=p, paid_on=date(2022, 1, 10), amount=Decimal("500"), recorded_by=staff)
        for p in projects[::4]
    )
    return plan, staff


def best(run, *args) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run(*args)
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main(sizes: list[int]) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        for n, size in enumerate(sizes):
            plan, staff = followed_plan(n, size)
            client.force_login(staff)
            url = reverse("projects:plan_progress", args=[plan.pk])
            page = client.get(url)  # templates, translations and caches loaded
            assert page.status_code == 200 and len(page.context["rows"]) == size
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            page_ms = best(client.get, url)
            rows_ms = best(progress_rows, plan, date.today())
            rest = page_ms - rows_ms
            print(
                f"{size:>5} projects ({connection.vendor}): page {page_ms:7.1f} ms "
                f"({page_ms / size:.2f} ms a row), {len(queries)} queries, "
                f"{len(page.content) / 1e3:.0f} kB; rows alone {rows_ms:6.1f} ms, "
                f"the rest {rest:6.1f} ms ({rest / size:.2f} ms a row)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 1000])
