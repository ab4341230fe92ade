"""Real processes (task workers, gunicorn) against the test database, for the tests that
check what happens between processes: a worker rendering, a worker killed mid-render.

The test process and its children share the test database and its database cache: the
queue rows, the heartbeats and the rendered drafts are all in it.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
HEARTBEAT = 1  # seconds: a killed worker is known dead after three


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_env(**extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "CACHE_URL": "dbcache://django_cache",
        "TASK_WORKER_HEARTBEAT": str(HEARTBEAT),
        "DJANGO_DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


@pytest.fixture
def real_queue(settings, transactional_db):
    """This process queues into the database and caches in it, as production does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }
    settings.TASK_WORKER_HEARTBEAT = HEARTBEAT
    call_command("createcachetable", verbosity=0)
    from django.core.cache import cache

    cache.clear()


class Processes:
    def __init__(self, logs: Path):
        self.logs = logs
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, *args: str, **env) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            args, cwd=ROOT, env=child_env(**env), stdout=log, stderr=subprocess.STDOUT
        )
        process.log_path = self.logs / f"{name}.log"
        self.running.append(process)
        return process

    def worker(self, name: str = "worker", *args: str) -> subprocess.Popen:
        return self.start(
            name,
            sys.executable,
            "manage.py",
            "task_worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *args,
        )

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()


def wait_for(condition, timeout: float, what: str, processes=None):
    """Poll until condition() is truthy; fail loudly with the children's logs otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    logs = ""
    for process in processes.running if processes else []:
        logs += f"\n--- {process.log_path.name}\n" + process.log_path.read_text()[-3000:]
    pytest.fail(f"timed out after {timeout} s waiting for {what}{logs}")
