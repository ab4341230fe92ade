"""Benchmark: SQL queries, time and memory of the staff plan page as a plan grows.

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.plan_page [100 1000 ...]

Runs against a throw-away test database on whatever DATABASE_URL names (SQLite by default),
prints one line per size, and asserts nothing: the constant query count is asserted by
tests/test_plan_pages.py, the figures here are for the closing notes and for regressions.
"""

import os
import sys
import time
import tracemalloc
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse

from projects.models import BudgetLine, Project, Role
from tests.support import make_user, make_world


def short_row(world, i) -> dict:
    """A project with a title and nothing else to lay out: the page's cost is per row."""
    return {
        "strategy": world["strategies"][0],
        "guideline": world["guidelines"][0],
        "program": world["programs"][i % 2],
        "department": world["departments"][0],
        "title": f"โครงการทดสอบที่ {i}",
        "months": [10, 11, 12, 1],
    }


def fill(world, count, row=short_row):
    """`count` projects of row(world, i), each with two budget lines and every village."""
    projects = Project.objects.bulk_create(
        Project(plan=world["plan"], **row(world, i)) for i in range(count)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(project=p, amount=Decimal("12500.50"), group=BudgetLine.Group.INVESTMENT)
        for p in projects
        for _ in range(2)
    )
    through = Project.villages.through
    through.objects.bulk_create(
        through(project_id=p.pk, village_id=v.pk) for p in projects for v in world["villages"]
    )


def measure(client, url):
    client.get(url)  # warm up templates and caches
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = time.perf_counter() - started
    query_count = len(queries)  # read now: the next request clears Django's query log
    # Memory is measured on a separate request: tracing slows Python several times over.
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200
    return query_count, elapsed, peak, len(response.content)


def main(sizes):
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        for i, size in enumerate(sizes):
            world = make_world(f"bench{i}", f"องค์การบริหารส่วนตำบลทดสอบ {i}")
            fill(world, size)
            client.force_login(make_user(f"bench{i}", world["org"], Role.PLANNING_STAFF))
            url = reverse("workflow:plan_detail", args=[world["plan"].pk])
            queries, elapsed, peak, size_bytes = measure(client, url)
            print(
                f"{size:>6} projects: {queries} queries, {elapsed * 1000:.0f} ms, "
                f"peak Python memory {peak / 1e6:.1f} MB, page {size_bytes / 1e3:.0f} kB "
                f"({connection.vendor})"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
