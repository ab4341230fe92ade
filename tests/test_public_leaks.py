"""No public page, download or search ever reveals a plan that is not announced.

Each unannounced stage gets a plan with a project whose title holds a word found nowhere
else, and a history (a submission, a return with a comment, audit events) holding another.
Every public address is then asked for it, and must answer 404 or leave it out.
"""

import io
import zipfile
from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from notices.portal.cache import MAX_AGE
from projects.models import AuditEvent, OperationsPlan, Role, Stage
from tests.support import (
    add_plan,
    add_project,
    announce,
    download_url,
    make_user,
    organization_url,
    plan_url,
    project_url,
)
from workflow.models import Submission

SECRET_TITLE = "โครงการลับเฉพาะกิจหนองบัวแดง"
SECRET_COMMENT = "ความเห็นภายในคณะกรรมการเรื่องงบซ่อมแซม"
FORMATS = ("csv", "xlsx", "json")
UNANNOUNCED = [Stage.COLLECTING, Stage.DRAFTING, Stage.COMMITTEE_REVIEW, Stage.PROPOSED]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def public_plan(world):
    """Last year's plan of the same organization, announced: the public part of the site."""
    plan = announce(add_plan(world, 2564), on=date(2020, 12, 1))
    add_project({**world, "plan": plan}, title="ซ่อมแซมถนนลูกรัง หมู่ที่ 1")
    return plan


def hidden_plan(world, stage):
    plan = world["plan"]
    secret = add_project(world, title=SECRET_TITLE, details=SECRET_COMMENT)
    staff = make_user("staff", world["org"], Role.PLANNING_STAFF)
    Submission.objects.create(plan=plan, number=1, submitted_by=staff, content={"t": SECRET_TITLE})
    AuditEvent.objects.create(
        plan=plan,
        kind=AuditEvent.Kind.TRANSITION,
        action="committee_return",
        actor=staff,
        from_stage=Stage.COMMITTEE_REVIEW,
        to_stage=Stage.DRAFTING,
        comment=SECRET_COMMENT,
    )
    OperationsPlan.objects.filter(pk=plan.pk).update(stage=stage)
    plan.refresh_from_db()
    return plan, secret


def public_addresses(plan, project):
    return [plan_url(plan), project_url(project), *(download_url(plan, f) for f in FORMATS)]


def not_found_page(client):
    return client.get("/p/no-such-organization/2565/").content


def readable(content: bytes) -> str:
    """The text of a page or download; an XLSX file is a zip of XML parts."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(name).decode() for name in book.namelist())
    return content.decode("utf-8", errors="replace")


def assert_nothing_revealed(content: bytes, searched_for: str = ""):
    text = readable(content)
    # A search page repeats what was typed in its search box, and only there.
    text = text.replace(f'value="{searched_for}"', "", 1)
    assert SECRET_TITLE not in text
    assert SECRET_COMMENT not in text


@pytest.mark.parametrize("stage", UNANNOUNCED)
def test_it_answers_404_at_every_address_of_an_unannounced_plan(client, world, stage):
    plan, secret = hidden_plan(world, stage)
    expected = not_found_page(client)
    for address in public_addresses(plan, secret):
        response = client.get(address)
        assert response.status_code == 404, address
        # The very page a mistyped address gets: it does not confirm the plan exists.
        assert response.content == expected, address
        assert_nothing_revealed(response.content)


@pytest.mark.parametrize("stage", UNANNOUNCED)
def test_it_leaves_an_unannounced_plan_out_of_home_search_and_downloads(
    client, world, public_plan, stage
):
    hidden_plan(world, stage)
    home = client.get(organization_url(world["org"]))
    assert [p.pk for y in home.context["years"] for p in y["plans"]] == [public_plan.pk]
    assert "2565" not in home.content.decode()
    for word in (SECRET_TITLE, "หนองบัวแดง", "งบซ่อมแซม"):
        searched = client.get(plan_url(public_plan), {"q": word})
        assert searched.context["tables"].count == 0
        assert_nothing_revealed(searched.content, searched_for=word)
        across = client.get(reverse("public:search"), {"q": word})
        assert across.context["results"] == []
        assert_nothing_revealed(across.content, searched_for=word)
    pages = [
        home,
        client.get(reverse("public:home")),
        client.get(plan_url(public_plan)),
        *(client.get(download_url(public_plan, fmt)) for fmt in FORMATS),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_nothing_revealed(response.content)
    assert "2565" not in pages[2].content.decode()  # no link to this year's draft


@pytest.mark.parametrize("stage", UNANNOUNCED)
def test_it_will_not_show_a_draft_project_under_an_announced_plans_address(
    client, world, public_plan, stage
):
    _plan, secret = hidden_plan(world, stage)
    borrowed = reverse(
        "public:project",
        kwargs={"org_slug": "sungmen", "fiscal_year": 2564, "project_id": secret.pk},
    )
    response = client.get(borrowed)
    assert response.status_code == 404
    assert_nothing_revealed(response.content)


def test_it_stops_showing_a_plan_when_it_is_no_longer_announced(client, world):
    plan = announce(world["plan"])
    project = add_project(world, title=SECRET_TITLE)
    for address in public_addresses(plan, project):
        assert client.get(address).status_code == 200  # now in the cache
    # No service takes a plan back out of the announced stage; done by hand, the copies
    # kept by address for MAX_AGE (as any proxy may keep them) go with MAX_AGE, the rest
    # at once: any other request checks the plan first.
    OperationsPlan.objects.filter(pk=plan.pk).update(stage=Stage.DRAFTING)
    for address in public_addresses(plan, project):
        assert client.get(address, {"utm_source": "qr"}).status_code == 404, address
    with time_machine.travel(timezone.now() + timedelta(seconds=MAX_AGE + 1)):
        responses = [client.get(address) for address in public_addresses(plan, project)]
    for address, response in zip(public_addresses(plan, project), responses, strict=True):
        assert response.status_code == 404, address
        assert_nothing_revealed(response.content)
    assert_nothing_revealed(client.get(reverse("public:home")).content)
    assert_nothing_revealed(client.get(organization_url(world["org"])).content)
    searched = client.get(reverse("public:search"), {"q": "หนองบัวแดง"})
    assert searched.context["results"] == []


def test_it_never_shows_the_history_of_an_announced_plan(client, world):
    plan, secret = hidden_plan(world, Stage.PROPOSED)
    secret.title = "โครงการที่ประกาศแล้ว"
    secret.details = ""
    secret.save()
    announce(plan)
    addresses = [plan_url(plan), project_url(secret), *(download_url(plan, f) for f in FORMATS)]
    html = "".join(readable(client.get(address).content) for address in addresses)
    assert "โครงการที่ประกาศแล้ว" in html
    assert SECRET_COMMENT not in html
    assert "ส่งกลับ" not in html
