"""Finding 10 of the hardening audit: creating a plan, recording and taking down a posting,
and asking for a document again left no event (the take-down stored neither who nor when).
Every change a person makes is in the plan's history, with who, when, old and new value."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from notices import services as notices
from notices.models import PlanDocument
from projects.models import AuditEvent, OperationsPlan
from tests.support import ANNOUNCED

Kind = AuditEvent.Kind


def events(plan, kind):
    return list(AuditEvent.objects.filter(plan=plan, kind=kind))


def test_it_records_who_created_a_plan_and_what(login, personas, world):
    login(personas["staff"]).post(
        reverse("projects:plan_create"),
        {
            "organization": world["org"].pk,
            "fiscal_year": "2565",
            "supplementary": "on",
            "trigger_date": "2022-03-01",
        },
    )
    plan = OperationsPlan.objects.get(supplement_number=1)
    [event] = events(plan, Kind.PLAN_CREATED)
    assert event.actor == personas["staff"]
    assert event.changes == {
        "fiscal_year": ["", "2565"],
        "supplement_number": ["", "1"],
        "trigger_date": ["", "2022-03-01"],
    }
    page = login(personas["member"]).get(reverse("workflow:plan_history", args=[plan.pk]))
    assert "สร้างแผน" in page.content.decode()
    assert "1 มี.ค. 65" in page.content.decode()  # dates in พ.ศ., as the history shows them


@pytest.fixture
def today():
    with time_machine.travel(date(2022, 1, 20), tick=False):
        yield


def test_it_records_who_posted_and_who_took_down_and_when(announced, login, personas, today):
    client = login(personas["staff"])
    client.post(
        reverse("notices:posting_create", args=[announced.pk]),
        {"place": "office", "posted_on": "2021-12-21"},
    )
    [posted] = events(announced, Kind.POSTING_RECORDED)
    assert posted.actor == personas["staff"]
    assert posted.changes == {
        "place": ["", "บอร์ดประชาสัมพันธ์ที่ทำการ"],
        "posted_on": ["", "2021-12-21"],
    }
    posting = announced.postings.get(place="office")
    client.post(
        reverse("notices:posting_take_down", args=[posting.pk]), {"taken_down_on": "2022-01-19"}
    )
    posting.refresh_from_db()
    assert posting.taken_down_by == personas["staff"]
    assert posting.taken_down_recorded_at.date() == date(2022, 1, 20)
    [down] = events(announced, Kind.POSTING_TAKEN_DOWN)
    assert (down.actor, down.changes["taken_down_on"]) == (personas["staff"], ["", "2022-01-19"])


def test_it_leaves_no_event_for_a_take_down_refused(announced, personas, today):
    posting = notices.posting_record(
        plan=announced, by=personas["staff"], place="office", posted_on=ANNOUNCED
    )
    with pytest.raises(notices.PostingError):
        notices.posting_take_down(
            posting=posting, taken_down_on=date(2021, 12, 1), by=personas["staff"]
        )
    assert not events(announced, Kind.POSTING_TAKEN_DOWN)


def test_it_records_who_asked_for_a_failed_document_again(
    announced, login, personas, django_capture_on_commit_callbacks
):
    PlanDocument.objects.filter(plan=announced).update(status=PlanDocument.Status.FAILED)
    url = reverse("notices:document_retry", args=[announced.pk])
    with django_capture_on_commit_callbacks(execute=True):
        login(personas["staff"]).post(url)
    [event] = events(announced, Kind.DOCUMENT_RETRIED)
    assert event.actor == personas["staff"]
    assert event.changes == {"document": ["จัดทำไม่สำเร็จ", "ขอจัดทำอีกครั้ง"]}
    assert PlanDocument.objects.get(plan=announced).is_ready


def test_it_refuses_to_retry_a_ready_document_and_records_nothing(announced, login, personas):
    url = reverse("notices:document_retry", args=[announced.pk])
    response = login(personas["staff"]).post(url, follow=True)
    assert "จัดทำเสร็จแล้ว" in response.content.decode()
    assert not events(announced, Kind.DOCUMENT_RETRIED)


@pytest.mark.parametrize("persona", ["member", "executive", "outsider", "nobody"])
def test_it_lets_only_editors_retry(persona, announced, login, personas):
    PlanDocument.objects.filter(plan=announced).update(status=PlanDocument.Status.FAILED)
    url = reverse("notices:document_retry", args=[announced.pk])
    assert login(personas[persona]).post(url).status_code in (403, 404)
    assert not events(announced, Kind.DOCUMENT_RETRIED)
