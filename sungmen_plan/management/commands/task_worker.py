"""The task worker: django-tasks-db's db_worker with a heartbeat and the recovery sweep.

Run one per core on any number of machines against the same database (README, "Task
workers"); `--max-tasks 50` makes it exit after 50 tasks so that WeasyPrint's memory goes
back to the system, and the supervisor (systemd, ./dev demo) starts a fresh one.
"""

import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands import db_worker

from projects import queue


class Command(db_worker.Command):
    help = "ประมวลผลงานเบื้องหลัง (จัดทำ PDF ส่งอีเมลและ LINE) จากคิวในฐานข้อมูล"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The id names the host and process, so a log line says which worker it was; the
        # autoreloader stays off unless asked for: on SIGTERM it SIGKILLs its child mid-task.
        parser.set_defaults(worker_id=queue.worker_id(), reload=False)

    def handle(self, *args, **options):
        worker = options["worker_id"]
        queue.heartbeat(worker)
        # A restarted worker first takes back what a killed one left running.
        queue.tasks_recover()
        stop = threading.Event()
        beating = threading.Thread(target=self.beat, args=(worker, stop), daemon=True)
        beating.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            queue.heartbeat_stop(worker)

    def beat(self, worker: str, stop: threading.Event) -> None:
        while not stop.wait(settings.TASK_WORKER_HEARTBEAT):
            try:
                queue.heartbeat(worker)
                queue.tasks_recover()
            except Exception:
                # A database or cache briefly away: the next beat tries again.
                queue.log.exception("heartbeat of worker %s failed", worker)
            finally:
                connections.close_all()
