"""Benchmark: the public plan page with progress (the latest closed round's figures and
charts, an announced report) at 100 and 1,000 projects: SQL queries and time, built, from
the page cache and from the copy kept by address, beside the same bytes served as a static
file by whitenoise, all in this one process (no network, no server).

    DJANGO_DEBUG=true .venv/bin/python -m tests.benchmarks.public_progress [100 1000 ...]

Runs against a throw-away test database on whatever DATABASE_URL names (SQLite by default)
and asserts nothing: tests/test_public_progress_queries.py asserts the constant counts.
"""

import hashlib
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")
# The cache in this process's memory, as in the tests, so that the queries counted are the
# page's own (with CACHE_URL=dbcache:// each cache read and write is a query too).
os.environ.setdefault("CACHE_URL", "locmemcache://")

import django

django.setup()

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone
from whitenoise import WhiteNoise

from notices.models import ReportDocument
from projects import progress
from projects.models import ProgressStatus, Project, Role, RoundKind
from tests.benchmarks.plan_page import fill
from tests.support import announce, make_user, make_world, plan_url
from workflow import rounds

BR = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
REPEAT = 20


def followed_plan(n: int, size: int):
    """An announced plan of ``size`` projects, a tenth of them recorded, its half-year round
    closed and its report announced and issued, its full-year round open."""
    world = make_world(f"bench{n}", f"องค์การบริหารส่วนตำบลทดสอบ {n}")
    fill(world, size)
    plan = announce(world["plan"])
    org = world["org"]
    staff = make_user(f"staff{n}", org, Role.PLANNING_STAFF)
    monitor = make_user(f"monitor{n}", org, Role.MONITORING_COMMITTEE)
    executive = make_user(f"executive{n}", org, Role.EXECUTIVE)
    half = rounds.round_open(plan=plan, by=staff, kind=RoundKind.HALF_YEAR)
    for i, project in enumerate(Project.objects.filter(plan=plan).order_by("id")[::10]):
        progress.progress_update(
            project=project,
            by=staff,
            values={"status": ProgressStatus.IN_PROGRESS, "percent_done": Decimal(i % 100)},
            expected_version=None,
        )
        progress.disbursement_add(
            project=project, by=staff, paid_on=plan.starts_on, amount=Decimal("5000")
        )
    rounds.round_close(round=half, by=staff)
    rounds.report_submit(round=half, by=staff)
    rounds.report_vote(round=half, by=monitor, approve=True)
    rounds.report_announce(
        round=half,
        by=executive,
        announced_on=timezone.localdate(),
        signer_name="ก",
        signer_title="ข",
        issue=lambda round, by: ReportDocument.objects.create(
            round=round,
            status=ReportDocument.Status.READY,
            content=b"%PDF-1.7",
            sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
        ),
    )
    rounds.round_open(plan=plan, by=staff, kind=RoundKind.FULL_YEAR)
    return plan


def best(run) -> tuple[float, object]:
    """The fastest of REPEAT runs, in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), result


def static_server(content: bytes, compressed: bytes):
    """whitenoise serving the page's bytes as a precompressed static file."""
    root = Path(tempfile.mkdtemp())
    (root / "plan.html").write_bytes(content)
    (root / "plan.html.br").write_bytes(compressed)
    files = WhiteNoise(None, root=root, prefix="/static/")

    def get():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/static/plan.html",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
        }
        body = files(environ, lambda status, headers: None)
        data = b"".join(body)
        getattr(body, "close", lambda: None)()
        return data

    return get


def count_queries(run) -> int:
    # Read at once: the next request clears Django's query log.
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def measure(client: Client, url: str) -> dict:
    def built():
        cache.clear()
        return client.get(url, **BR)

    client.get(url, **BR)  # templates and pythainlp's dictionary loaded
    q_built = count_queries(built)
    built_ms, page = best(built)
    client.get(url, **BR)
    q_cached = count_queries(lambda: client.get(url, {"x": "1"}, **BR))
    cached_ms, _ = best(lambda: client.get(url, {"x": "1"}, **BR))
    q_front = count_queries(lambda: client.get(url, **BR))
    front_ms, _ = best(lambda: client.get(url, **BR))
    identity = client.get(url).content
    get_static = static_server(identity, page.content)
    static_ms, static_body = best(get_static)
    assert static_body == page.content
    return {
        "queries": (q_built, q_cached, q_front),
        "ms": (built_ms, cached_ms, front_ms, static_ms),
        "bytes": (len(identity), len(page.content)),
    }


def plain_plan(n: int, size: int):
    """The same plan without any round: what progress adds is the difference."""
    world = make_world(f"plain{n}", f"องค์การบริหารส่วนตำบลเปรียบเทียบ {n}")
    fill(world, size)
    return announce(world["plan"])


def main(sizes: list[int]) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        counts = []
        for n, size in enumerate(sizes):
            plan = followed_plan(n, size)
            figures = measure(client, plan_url(plan))
            built, cached, front = figures["queries"]
            built_ms, cached_ms, front_ms, static_ms = figures["ms"]
            html, br = figures["bytes"]
            counts.append(built)
            plain = measure(client, plan_url(plain_plan(n, size)))
            print(
                f"{size:>6} projects ({connection.vendor}), page {html / 1e3:.0f} kB, "
                f"brotli {br / 1e3:.1f} kB\n"
                f"        built      {built:>2} queries {built_ms:8.1f} ms\n"
                f"        page cache {cached:>2} queries {cached_ms:8.2f} ms\n"
                f"        by address {front:>2} queries {front_ms:8.2f} ms\n"
                f"        static file             {static_ms:8.2f} ms (same brotli bytes)\n"
                f"        without progress: built {plain['queries'][0]} queries "
                f"{plain['ms'][0]:.1f} ms, page {plain['bytes'][0] / 1e3:.0f} kB"
            )
        same = "the same" if len(set(counts)) == 1 else "NOT the same"
        print(f"queries to build the page: {counts}: {same} at every size")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
