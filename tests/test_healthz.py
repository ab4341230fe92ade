"""/healthz: 200 with the database and the cache reachable and the queue's oldest wait,
503 when the cache (or the database) cannot be reached; open to anyone, never cached."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from workflow import tasks


@pytest.mark.parametrize("persona", ["staff", "member", "executive", "orgadmin", "outsider"])
def test_it_answers_every_role_the_same(persona, personas, login):
    response = login(personas[persona]).get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_it_reports_a_healthy_site_to_an_anonymous_balancer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "database": True,
        "cache": True,
        "oldest_task_wait_seconds": 0,
        "workers": True,  # tasks run inline here
        "status": "ok",
    }


def test_it_reports_how_long_the_oldest_task_has_waited(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.email_send.enqueue(world["plan"].pk, "s", "t", ["planning_staff"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timezone.timedelta(minutes=5))
    body = client.get("/healthz").json()
    assert 299 <= body["oldest_task_wait_seconds"] <= 310
    assert body["workers"] is False  # no heartbeat in the cache
    assert body["status"] == "ok"  # the web side still serves


def test_it_answers_503_when_the_cache_is_unreachable(client, db, settings, tmp_path):
    # A file cache whose folder cannot exist (a file is in the way): every write fails.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocker / "cache"),
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] is False
    assert response.json()["database"] is True
    assert response.json()["status"] == "unavailable"


def test_it_refuses_to_change_anything(client, db):
    assert client.post("/healthz").status_code == 405
