"""The Content-Security-Policy refuses inline scripts and styles; Chromium reports every
refusal on the console. No page of the product, staff or public, may cause one, and the
project form's script (a static file) still works under the policy."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Role
from tests.support import add_plan, add_project, announce, make_user, plan_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_every_page_without_a_policy_violation(page, log_in, world):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    add_project(world)
    shown = add_project(world, title="โครงการที่ประกาศแล้ว", plan=announce(add_plan(world, 2564)))
    make_user("staff", world["org"], Role.PLANNING_STAFF)

    page.goto("/")
    page.goto(plan_url(shown.plan))
    log_in("staff")
    plan = world["plan"]
    for path in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/history/", f"/plans/{plan.pk}/notice/"):
        page.goto(path)
    page.goto(f"/plans/{plan.pk}/projects/new/")
    page.select_option("#id_strategy", label="2. การพัฒนาคุณภาพชีวิต")
    # project_form.js, a static file, narrows the guidelines to the chosen strategy.
    expect(page.locator("#id_guideline option:not([hidden])")).to_have_text(
        ["---------", re.compile("2.1 ส่งเสริมสุขภาพ")]
    )
    page.goto(f"/plans/{plan.pk}/steps/submit/")  # a GET to a step button: the Thai 405
    expect(page.locator("h1")).to_have_text("ทำรายการด้วยวิธีนี้ไม่ได้")
    assert refused == []
