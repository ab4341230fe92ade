"""Findings 5, 7 and 12 of the hardening audit: text longer than its column answered 500 on
PostgreSQL (SQLite stores it), a 600,000-character detail took minutes to render, and
bidirectional overrides and zero-width characters were stored as typed.

Every text field of every form has the model's length (or, for plain forms, a length of its
own) with a Thai message, and drops invisible characters. CI runs this file on PostgreSQL."""

import time
from datetime import date

import pytest
import time_machine
from django import forms
from django.urls import reverse

from notices.posting_forms import PostingForm, TakeDownForm
from projects import text
from projects.forms import BudgetLineForm, PlanFilterForm, PlanForm, ProjectForm
from projects.models import AuditEvent, Project, Stage
from tests.support import add_project, valid_post
from workflow.forms import AnnounceForm, CommentForm, ExtendDeadlineForm

FORMS = [
    ProjectForm,
    BudgetLineForm,
    PlanForm,
    PlanFilterForm,
    CommentForm,
    AnnounceForm,
    ExtendDeadlineForm,
    PostingForm,
    TakeDownForm,
]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
def test_it_gives_every_text_field_a_length_and_drops_invisible_characters(form_class):
    fields = form_class.base_fields
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    for name, field in fields.items():
        if isinstance(field, forms.CharField):
            assert isinstance(field, text.TextField), name
            assert field.max_length, name
            if model is not None:
                assert field.max_length == model._meta.get_field(name).max_length, name


def announce_post(client, plan, **data):
    return client.post(
        reverse("notices:plan_announce", args=[plan.pk]),
        {
            "announced_on": "2021-12-20",
            "signer_name": "นายสมชาย ใจดี",
            "signer_title": "นายก อบต.",
            **data,
        },
        follow=True,
    )


def test_it_refuses_a_signer_name_longer_than_its_column(login, personas, world):
    plan = world["plan"]
    add_project(world)
    plan.stage = Stage.PROPOSED
    plan.save()
    with time_machine.travel(date(2021, 12, 21), tick=False):
        response = announce_post(login(personas["executive"]), plan, signer_name="ก" * 201)
    assert response.status_code == 200
    assert "ข้อความยาวเกินไป กรอกได้ไม่เกิน 200 ตัวอักษร (ตอนนี้ 201)" in response.content.decode()
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


@pytest.mark.parametrize(
    ("field", "limit"), [("details", 1000), ("output_target", 500), ("title", 500)]
)
def test_it_refuses_huge_text_at_once_with_a_thai_message(field, limit, login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    started = time.monotonic()
    response = login(personas["staff"]).post(url, valid_post(world, **{field: "ก" * 600_000}))
    assert time.monotonic() - started < 5
    assert f"กรอกได้ไม่เกิน {limit} ตัวอักษร" in response.content.decode()
    assert not Project.objects.exists()


def test_it_accepts_text_exactly_as_long_as_its_column(login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    data = valid_post(world, title="ก" * 500, details="ข" * 1000, location="ค" * 300)
    assert login(personas["staff"]).post(url, data).status_code == 302
    assert Project.objects.get().details == "ข" * 1000


HIDDEN = "\u202eโครงการ\u200bถนน\u2066\u200d\ufeff"


def test_it_drops_bidirectional_and_zero_width_characters_from_a_title(login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    login(personas["staff"]).post(url, valid_post(world, title=HIDDEN, agency="\u200e"))
    assert Project.objects.get().title == "โครงการถนน"


def test_it_refuses_a_title_made_only_of_invisible_characters(login, personas, world):
    url = reverse("projects:project_create", args=[world["plan"].pk])
    response = login(personas["staff"]).post(url, valid_post(world, title="\u202e\u200b \u2069"))
    assert "กรุณากรอกชื่อโครงการ/กิจกรรม" in response.content.decode()
    assert not Project.objects.exists()


def test_it_drops_invisible_characters_from_comments_and_signer_names(login, personas, world):
    plan = world["plan"]
    add_project(world)
    plan.stage = Stage.DRAFTING
    plan.save()
    client = login(personas["staff"])
    client.post(reverse("workflow:plan_action", args=[plan.pk, "submit"]), {"comment": HIDDEN})
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.TRANSITION).comment == "โครงการถนน"
    form = AnnounceForm(
        {"announced_on": "2021-12-20", "signer_name": "\u202bนายสมชาย\u202c", "signer_title": "x"}
    )
    assert form.is_valid()
    assert form.cleaned_data["signer_name"] == "นายสมชาย"
