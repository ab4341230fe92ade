"""Finding 11 of the hardening audit: no Content-Security-Policy, no Permissions-Policy,
staff pages, PDFs and photos cacheable by the browser, and 400 and 405 answered in English
(or with an empty page). Public pages keep their own caching (tests/test_public_cache.py)."""

import io
from datetime import date

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from notices.models import Posting
from tests.support import plan_url

NO_STORE = "private, no-store"


def assert_hardened_page(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_it_gives_a_staff_page_its_policy_and_no_store(login, personas, world):
    response = login(personas["staff"]).get(
        reverse("workflow:plan_detail", args=[world["plan"].pk])
    )
    assert response.status_code == 200
    assert_hardened_page(response)
    assert response["Cache-Control"] == NO_STORE


def test_it_leaves_the_caching_of_public_pages_alone_even_for_staff(announced, login, personas):
    response = login(personas["staff"]).get(plan_url(announced))
    assert response.status_code == 200
    assert_hardened_page(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_keeps_staff_pdfs_out_of_every_cache_without_a_policy_that_blanks_them(
    announced, login, personas
):
    response = login(personas["staff"]).get(reverse("notices:document_pdf", args=[announced.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == NO_STORE
    # Chromium applies a PDF's CSP to its own viewer and shows a blank page.
    assert "Content-Security-Policy" not in response


def test_it_keeps_photos_out_of_every_cache(announced, login, personas):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20)).save(buffer, "JPEG")
    client = login(personas["staff"])
    with time_machine.travel(date(2021, 12, 22), tick=False):
        client.post(
            reverse("notices:posting_create", args=[announced.pk]),
            {
                "place": "office",
                "posted_on": "2021-12-21",
                "photo": SimpleUploadedFile("p.jpg", buffer.getvalue()),
            },
        )
    posting = Posting.objects.get(place="office")
    response = client.get(reverse("notices:posting_photo", args=[posting.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_it_answers_a_get_to_a_step_button_in_thai(login, personas, world):
    url = reverse("workflow:plan_action", args=[world["plan"].pk, "submit"])
    response = login(personas["staff"]).get(url)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "ทำรายการด้วยวิธีนี้ไม่ได้" in html
    assert '<html lang="th">' in html


@pytest.mark.parametrize("path", ["/", "/plans/"])
def test_it_answers_a_bad_request_in_thai(path, client, db):
    response = client.get(path, HTTP_HOST="not-an-allowed-host.example")
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


def test_it_says_in_thai_that_a_role_may_not_do_something(login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    response = login(personas["member"]).get(url)
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์ทำรายการนี้" in response.content.decode()


def test_it_keeps_admin_pages_out_of_every_cache(db):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(root)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_it_hardens_a_public_page_served_from_the_front_cache(announced, client):
    # The second request is answered by PublicPagesFirst from the cache, before the session
    # and authentication middleware: the security headers still come with it.
    first = client.get(plan_url(announced))
    again = client.get(plan_url(announced))
    assert first.status_code == again.status_code == 200
    assert_hardened_page(first)
    assert_hardened_page(again)
