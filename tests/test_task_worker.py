"""The announced document is rendered by a real task worker process, and a worker killed
with SIGKILL in the middle of a render loses nothing: another renders it within a minute.

These run on whichever database the suite runs on (CI: PostgreSQL, then SQLite).
"""

import signal
import time

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notices import services as notices
from notices.models import PlanDocument
from projects.models import Stage
from tests.processes import wait_for
from tests.support import ANNOUNCED, add_project


def announce(world, personas):
    plan = world["plan"]
    plan.stage = Stage.PROPOSED
    plan.save()
    notices.plan_announce(
        plan=plan,
        by=personas["executive"],
        announced_on=ANNOUNCED,
        signer_name="นายสมมุติ ตัวอย่างดี",
        signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
    )
    return plan


def document_status(plan):
    return PlanDocument.objects.filter(plan=plan).values_list("status", flat=True).first()


def task_finished(processes):
    """The worker marks its task SUCCESSFUL a moment after the document is stored."""
    task = DBTaskResult.objects.get(task_path="notices.tasks.document_render")
    wait_for(
        lambda: DBTaskResult.objects.filter(pk=task.pk, status="SUCCESSFUL").exists(),
        30,
        "the task to be marked successful",
        processes,
    )
    task.refresh_from_db()
    return task


def test_it_leaves_no_task_behind_when_the_announcement_rolls_back(real_queue, world, personas):
    add_project(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        announce(world, personas)
        assert DBTaskResult.objects.exists()  # queued in the announcement's transaction
        raise RuntimeError("the announcement fails after issuing")
    assert not DBTaskResult.objects.exists()
    assert not PlanDocument.objects.exists()


def test_it_renders_the_announced_document_on_a_worker(real_queue, processes, world, personas):
    add_project(world, title="โครงการดำเนินงานจัดทำแผนชุมชน")
    plan = announce(world, personas)
    # Queued, not rendered: the web process never renders.
    assert document_status(plan) == PlanDocument.Status.PENDING
    processes.worker()
    wait_for(lambda: document_status(plan) == "ready", 60, "the worker's render", processes)
    document = PlanDocument.objects.get(plan=plan)
    assert bytes(document.content).startswith(b"%PDF")
    task = task_finished(processes)
    assert document.render_task_id == str(task.id)


def test_it_renders_again_after_the_worker_is_killed_mid_render(
    real_queue, processes, world, personas
):
    # Enough projects that the render lasts a few seconds: time to kill it half-way.
    for i in range(150):
        add_project(world, title=f"โครงการที่ {i + 1} ก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    plan = announce(world, personas)
    first = processes.worker("first")
    wait_for(lambda: document_status(plan) == "rendering", 60, "the render to start", processes)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.monotonic()
    task = DBTaskResult.objects.get(task_path="notices.tasks.document_render")
    assert task.status == TaskResultStatus.RUNNING  # what SIGKILL leaves behind
    assert document_status(plan) == "rendering"

    processes.worker("second")
    wait_for(lambda: document_status(plan) == "ready", 60, "the second worker's render", processes)
    assert time.monotonic() - killed_at < 60
    assert task_finished(processes).id == task.id
    task.refresh_from_db()
    assert len(task.worker_ids) == 2  # the same task, claimed by both workers in turn
    assert bytes(PlanDocument.objects.get(plan=plan).content).startswith(b"%PDF")


def test_it_says_plainly_when_no_worker_is_running(real_queue, world, personas, login):
    add_project(world)
    plan = announce(world, personas)
    page = login(personas["staff"]).get(reverse("notices:notice", args=[plan.pk]))
    assert "ขณะนี้ไม่มีตัวประมวลผลงานเบื้องหลังทำงานอยู่" in page.content.decode()
    pending = login(personas["staff"]).get(reverse("notices:document_pdf", args=[plan.pk]))
    assert pending.status_code == 202
    assert "ขณะนี้ไม่มีตัวประมวลผลงานเบื้องหลังทำงานอยู่" in pending.content.decode()
    health = login(personas["nobody"]).get("/healthz").json()
    assert health["workers"] is False
    assert health["oldest_task_wait_seconds"] >= 0
