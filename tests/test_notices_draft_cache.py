"""A draft is rendered once per content: served from the cache while unchanged, rendered
again after an edit, and a request that finds a render under way waits for it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from notices import views
from tests.support import add_project


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    calls = []
    original = views.html_to_pdf

    def counting(html):
        calls.append(html)
        return original(html)

    monkeypatch.setattr(views, "html_to_pdf", counting)
    return calls


def test_it_renders_an_unchanged_draft_once(login, personas, world, renders):
    add_project(world)
    client = login(personas["member"])
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1


def test_it_renders_again_after_an_edit(login, personas, world, renders):
    project = add_project(world, title="ชื่อเดิม")
    client = login(personas["member"])
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    client.get(url)
    project.title = "ชื่อใหม่"
    project.save()
    client.get(url)
    assert len(renders) == 2
    # The document puts a zero-width space between Thai words (notices/linebreaks.py).
    assert "ชื่อใหม่" in renders[1].replace("\u200b", "")


def test_it_asks_a_second_click_to_wait_while_the_first_renders(login, personas, world, renders):
    add_project(world)
    client = login(personas["staff"])
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    # What the first click leaves in the cache while its render is still running.
    html = views.render_plan_html(world["plan"], draft=True)
    key = "draft-pdf:" + views.hashlib.sha256(html.encode()).hexdigest()
    cache.add(key + ":rendering", True, 60)
    response = client.get(url)
    assert response.status_code == 202
    assert response["Refresh"] == "2"
    assert "กำลังจัดทำฉบับร่าง" in response.content.decode()
    assert renders == []
