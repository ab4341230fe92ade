"""Finding 1 and 8 of the hardening audit: a far-future date, once stored, made every page
that computes a deadline answer 500; and a superscript digit in ?number= did too.

Every date a person types is checked against the fiscal years an organization can have, and
the deadline arithmetic holds at the calendar's ends for anything already stored."""

from datetime import date

import pytest
from django.urls import reverse

from projects import dates
from projects.models import AuditEvent, OperationsPlan, Stage
from tests.support import add_project, announce
from workflow import deadlines, services

CREATE = reverse("projects:plan_create")


def test_it_refuses_a_far_future_trigger_date_with_a_thai_message(login, personas, world):
    response = login(personas["staff"]).post(
        CREATE,
        {
            "organization": world["org"].pk,
            "fiscal_year": "2565",
            "supplementary": "on",
            "trigger_date": "9999-12-31",
        },
    )
    assert response.status_code == 200
    assert "วันที่ต้องอยู่ระหว่าง" in response.content.decode()
    assert 'value="9999-12-31"' in response.content.decode()
    assert not OperationsPlan.objects.filter(supplement_number__gt=0).exists()


@pytest.mark.parametrize("trigger", ["2020-09-30", "2022-10-01"])
def test_it_refuses_a_trigger_date_outside_the_plans_fiscal_year(trigger, login, personas, world):
    data = {"organization": world["org"].pk, "fiscal_year": "2565", "supplementary": "on"}
    response = login(personas["staff"]).post(CREATE, {**data, "trigger_date": trigger})
    assert "วันที่ต้องอยู่ระหว่าง 1 ตุลาคม พ.ศ. 2563 ถึง 30 กันยายน พ.ศ. 2565" in (response.content.decode())
    assert not OperationsPlan.objects.filter(supplement_number__gt=0).exists()


@pytest.mark.parametrize("year", ["²⁵⁶⁵", "٢٥٦٥"])
def test_it_refuses_a_year_in_digits_that_are_not_thai_or_arabic(year, login, personas, world):
    response = login(personas["staff"]).post(
        CREATE, {"organization": world["org"].pk, "fiscal_year": year}
    )
    assert response.status_code == 200
    assert "กรุณากรอกปีงบประมาณเป็นปี พ.ศ." in response.content.decode()


@pytest.fixture
def far_future_plan(world):
    """A supplement whose trigger date was stored before the check existed (or by the admin)."""
    return OperationsPlan.objects.create(
        organization=world["org"],
        period=world["period"],
        fiscal_year=2565,
        supplement_number=1,
        trigger_date=date(9999, 12, 31),
    )


@pytest.mark.parametrize("persona", ["staff", "member", "executive"])
def test_it_shows_every_page_with_a_far_future_date_stored(
    persona, far_future_plan, login, personas
):
    client = login(personas[persona])
    assert client.get(reverse("workflow:waiting")).status_code == 200
    assert client.get(reverse("workflow:plan_detail", args=[far_future_plan.pk])).status_code == 200
    assert client.get(reverse("projects:plan_list")).status_code == 200


def test_it_refuses_extending_past_the_fiscal_year_instead_of_failing(
    far_future_plan, login, personas
):
    url = reverse("workflow:plan_action", args=[far_future_plan.pk, "extend_deadline"])
    client = login(personas["executive"])
    response = client.post(url, {"new_due": "9999-12-31", "reason": "x"}, follow=True)
    assert response.status_code == 200
    assert "วันที่ต้องอยู่ระหว่าง" in response.content.decode()
    assert not far_future_plan.extensions.exists()


def test_it_refuses_an_extension_beyond_the_end_of_the_fiscal_year(world, personas):
    with pytest.raises(services.WorkflowError, match="ไม่เกินวันสิ้นปีงบประมาณ"):
        services.plan_extend_deadline(
            plan=world["plan"], by=personas["executive"], new_due=date(2022, 10, 1), reason="x"
        )


def test_it_records_the_computed_due_date_as_the_old_value_of_the_first_extension(world, personas):
    services.plan_extend_deadline(
        plan=world["plan"], by=personas["executive"], new_due=date(2022, 1, 31), reason="รองบ"
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DEADLINE)
    assert event.changes == {"due": ["2021-12-31", "2022-01-31"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [("posted_on", "9999-12-31"), ("posted_on", "1000-01-01")],
)
def test_it_refuses_posting_dates_outside_the_known_years(field, value, world):
    from notices.posting_forms import PostingForm

    form = PostingForm({"place": "office", field: value}, plan=announce(world["plan"]))
    assert not form.is_valid()
    assert "วันที่ต้องอยู่ระหว่าง" in form.errors[field][0]


def test_it_holds_deadline_arithmetic_at_the_end_of_the_calendar():
    due = deadlines.completion_due(
        fiscal_year=2565,
        supplement_number=1,
        trigger_date=date(9999, 12, 31),
        main_plan_due=deadlines.DAYS_AFTER_TRIGGER,
        completion_days=30,
    )
    assert due == date.max
    assert dates.add_days(date.min, -1) == date.min


@pytest.mark.parametrize("number", ["²", "¹", "٣", "99999999999999999999", "-1"])
def test_it_answers_404_to_a_number_that_is_not_a_submission(number, login, personas, world):
    plan = world["plan"]
    add_project(world)
    plan.stage = Stage.DRAFTING
    plan.save()
    services.plan_submit(plan=plan, by=personas["staff"])
    url = reverse("workflow:plan_changes", args=[plan.pk])
    assert login(personas["member"]).get(url, {"number": number}).status_code == 404
