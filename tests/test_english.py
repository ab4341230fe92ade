"""With English chosen, what is raised in Python speaks English too, and dates and months
follow the language with the Buddhist era kept (issue 16 item 13)."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from notices.portal import charts
from projects import thai
from projects.models import AuditEvent, Role, Stage
from tests.rounds_support import APRIL, detail_url, opened, rounds_url
from tests.support import add_project, announce, make_user, plan_url
from workflow import deadlines, rounds, services


@pytest.fixture(scope="module", autouse=True)
def compiled_messages():
    # ./dev compiles them before the tests; a bare pytest run must find them too.
    call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_it_writes_dates_and_months_in_english_in_the_buddhist_era():
    d = date(2026, 12, 1)
    assert thai.thai_date(d, lang="en") == "1 December B.E. 2569"
    assert thai.thai_date(d, short=True, lang="en") == "1 Dec 69"
    assert thai.thai_date(d) == "1 ธันวาคม พ.ศ. 2569"
    assert thai.month_labels([10, 1], lang="en") == "Oct Jan"


def test_it_translates_what_python_raises_and_reports(db):
    with translation.override("en"):
        assert deadlines.describe(3) == "3 days left"
        assert deadlines.describe(-2) == "2 days overdue"
        chart = charts.budget_by([], "strategy")
        assert chart.title == "Budget by strategy"
        assert chart.value_heading == "Budget (baht)"


def test_it_shows_a_service_refusal_in_english(english, world, personas):
    english.force_login(personas["staff"])
    response = english.post(
        reverse("workflow:plan_action", args=[world["plan"].pk, "submit"]), follow=True
    )
    assert "is not possible: the plan is already at the stage" in response.content.decode()


def test_it_shows_the_plan_page_deadline_and_history_in_english(english, world, personas):
    english.force_login(personas["staff"])
    plan = world["plan"]
    AuditEvent.objects.create(
        plan=plan, kind="deadline", actor=personas["executive"], changes={"due": ["", "2021-12-31"]}
    )
    with time_machine.travel(date(2021, 12, 28), tick=False):
        page = english.get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert "31 December B.E. 2564" in page and "3 days left" in page
    history = english.get(reverse("workflow:plan_history", args=[plan.pk])).content.decode()
    assert "Deadline" in history and "31 Dec 64" in history


def test_it_shows_posting_states_and_chart_titles_in_english(english, world):
    add_project(world)
    plan = announce(world["plan"])
    page = english.get(plan_url(plan)).content.decode()
    assert "Budget by strategy" in page and "15 December B.E. 2564" in page


def test_it_mails_in_the_language_of_the_person_acting(
    db, world, personas, django_capture_on_commit_callbacks
):
    add_project(world)
    reader = make_user("reader", world["org"], Role.COMMITTEE_MEMBER)
    reader.email = "reader@example.com"
    reader.save()
    plan = world["plan"]
    plan.stage = Stage.DRAFTING
    plan.save(update_fields=["stage"])
    # The step queues its e-mail in its transaction; the tasks run when it commits.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(plan=plan, by=personas["staff"])
    assert mail.outbox[-1].subject.endswith(
        "Please consider the draft operations plan (submission 1)"
    )
    assert "Please log in to approve it" in mail.outbox[-1].body


def test_it_says_in_english_which_day_a_reports_days_count_from(english, announced, personas):
    staff = personas["staff"]
    with time_machine.travel(APRIL, tick=False):
        round = opened(announced, staff)
        rounds.round_close(round=round, by=staff)
        rounds.report_submit(round=round, by=staff)
        rounds.report_vote(round=round, by=personas["monitor"], approve=True)
        english.force_login(personas["executive"])
        page = " ".join(english.get(detail_url(round)).content.decode().split())
        listing = " ".join(english.get(rounds_url(announced)).content.decode().split())
    assert (
        "Reported by the monitoring committee to the executive on 5 April B.E. 2565: "
        "to be announced within 15 days, that is by <strong>20 April B.E. 2565</strong>"
    ) in page
    assert "within 15 days of the monitoring committee's report (5 Apr 65)" in listing
