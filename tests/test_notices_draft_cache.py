"""A draft is rendered once per content, by a task: served from the cache while unchanged,
rendered again after an edit, and a request that finds a render queued waits for it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from notices import drafts
from tests.support import add_project


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    calls = []
    original = drafts.html_to_pdf

    def counting(html):
        calls.append(html)
        return original(html)

    monkeypatch.setattr(drafts, "html_to_pdf", counting)
    return calls


@pytest.fixture
def get(login, django_capture_on_commit_callbacks):
    """A GET whose queued tasks run when it ends, as a worker would run them."""

    def as_(user, url):
        with django_capture_on_commit_callbacks(execute=True):
            return login(user).get(url)

    return as_


def test_it_renders_an_unchanged_draft_once(get, personas, world, renders):
    add_project(world)
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    # The first request only queues the render; the worker runs it after the response.
    first = get(personas["member"], url)
    assert first.status_code == 202
    assert "ไม่มีตัวประมวลผล" not in first.content.decode()
    second = get(personas["member"], url)
    third = get(personas["member"], url)
    assert second.status_code == third.status_code == 200
    assert second.content == third.content
    assert len(renders) == 1


def test_it_renders_again_after_an_edit(get, personas, world, renders):
    project = add_project(world, title="ชื่อเดิม")
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    get(personas["member"], url)
    project.title = "ชื่อใหม่"
    project.save()
    get(personas["member"], url)
    assert len(renders) == 2
    # The document puts a zero-width space between Thai words (notices/linebreaks.py).
    assert "ชื่อใหม่" in renders[1].replace("\u200b", "")


def test_it_asks_a_second_click_to_wait_while_the_first_renders(get, personas, world, renders):
    add_project(world)
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])
    # What the first click leaves in the cache while its task is queued or running.
    key = drafts.content_key(world["plan"], kind=drafts.PLAN, thai_digits=False)
    cache.add(key + drafts.LOCK, True, 60)
    response = get(personas["staff"], url)
    assert response.status_code == 202
    assert response["Refresh"] == "2"
    assert "กำลังจัดทำฉบับร่าง" in response.content.decode()
    assert renders == []


def test_it_releases_the_lock_when_the_render_fails(get, personas, world, monkeypatch):
    add_project(world)
    url = reverse("notices:draft_pdf", args=[world["plan"].pk])

    def broken(html):
        raise OSError("out of memory")

    monkeypatch.setattr(drafts, "html_to_pdf", broken)
    assert get(personas["staff"], url).status_code == 202
    key = drafts.content_key(world["plan"], kind=drafts.PLAN, thai_digits=False)
    assert cache.get(key + drafts.LOCK) is None  # the next click queues a new render
    monkeypatch.undo()
    get(personas["staff"], url)
    assert get(personas["staff"], url).status_code == 200


def test_it_keeps_the_pdf_under_the_new_content_when_the_plan_changed_meanwhile(world):
    add_project(world, title="ก่อนแก้")
    asked = drafts.content_key(world["plan"], kind=drafts.PLAN, thai_digits=False)
    cache.add(asked + drafts.LOCK, True, 60)
    add_project(world, title="เพิ่มระหว่างรอ")
    rendered = drafts.draft_render(
        plan_id=world["plan"].pk, kind="plan", thai_digits=False, key=asked
    )
    assert rendered != asked
    assert cache.get(asked) is None
    assert cache.get(rendered).startswith(b"%PDF")
    assert cache.get(asked + drafts.LOCK) is None


def test_it_renders_the_certificate_of_posting_on_a_worker_too(get, personas, announced):
    url = reverse("notices:certificate_pdf", args=[announced.pk])
    first = get(personas["member"], url)
    assert first.status_code == 202
    assert "กำลังจัดทำหนังสือรับรองการปิดประกาศ" in first.content.decode()
    second = get(personas["member"], url)
    assert second.status_code == 200
    assert second.content.startswith(b"%PDF")
    assert second["Content-Disposition"].endswith('posting-certificate.pdf"')


@pytest.mark.parametrize("persona", ["outsider", "nobody"])
def test_it_hides_the_certificate_from_other_organizations(get, personas, announced, persona):
    url = reverse("notices:certificate_pdf", args=[announced.pk])
    assert get(personas[persona], url).status_code == 404
