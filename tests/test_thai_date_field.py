"""The one date field of every form: พ.ศ. or ค.ศ., as Thai users type them (issue 16 item 10),
and the plan page's step forms shown again with what was typed when a step is refused."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.fields import ThaiDateField, parse_thai_date
from projects.models import Stage
from tests.support import add_project
from workflow.models import Announcement


@pytest.mark.parametrize(
    "typed",
    [
        "20/12/2564",
        "20/12/64",
        "๒๐/๑๒/๒๕๖๔",
        "2564-12-20",
        "2021-12-20",
        "20/12/2021",
        "20.12.2564",
    ],
)
def test_it_reads_a_date_in_either_era(typed):
    assert parse_thai_date(typed) == date(2021, 12, 20)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("20/12/3107", "ดูเหมือนบวก 543 สองครั้ง: ถ้าเป็นปี พ.ศ. ให้พิมพ์ 2564"),
        ("20/12/1478", "ถ้าเป็นปี ค.ศ. ให้พิมพ์ 2021 (พ.ศ. 2564)"),
        ("31/02/2565", "ไม่มีวันที่ 31 เดือน 2"),
        ("พรุ่งนี้", "กรุณาพิมพ์ วัน/เดือน/ปี เช่น 20/12/2564"),
    ],
)
def test_it_says_what_is_wrong_with_a_date_in_thai(typed, says):
    with pytest.raises(ValidationError) as error:
        parse_thai_date(typed)
    assert says in error.value.messages[0]


def test_it_shows_a_date_back_in_the_buddhist_era():
    field = ThaiDateField()
    html = field.widget.render("d", date(2021, 12, 20))
    assert 'value="20/12/2564"' in html and "data-thai-date" in html
    assert 'type="text"' in html  # not the browser's Western-calendar date input


def _proposed(world):
    add_project(world)
    plan = world["plan"]
    plan.stage = Stage.PROPOSED
    plan.save(update_fields=["stage"])
    return plan


def test_it_announces_on_a_buddhist_era_date_typed_iso_style(login, personas, world):
    plan = _proposed(world)
    data = {"announced_on": "2564-12-20", "signer_name": "นายก", "signer_title": "นายก อบต."}
    with time_machine.travel(date(2021, 12, 21), tick=False):
        response = login(personas["executive"]).post(
            reverse("notices:plan_announce", args=[plan.pk]), data
        )
    assert response.status_code == 302
    assert Announcement.objects.get(plan=plan).announced_on == date(2021, 12, 20)


def test_it_shows_a_refused_announcement_again_with_what_was_typed(login, personas, world):
    plan = _proposed(world)
    data = {"announced_on": "25/12/2564", "signer_name": "นางสาวรักษา การแทน", "signer_title": "ปลัด"}
    with time_machine.travel(date(2021, 12, 21), tick=False):
        response = login(personas["executive"]).post(
            reverse("notices:plan_announce", args=[plan.pk]), data
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "วันที่ประกาศต้องไม่เป็นวันในอนาคต" in html
    assert 'value="25/12/2564"' in html and 'value="นางสาวรักษา การแทน"' in html
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


def test_it_shows_a_refused_extension_again_with_its_reason(login, personas, world):
    plan = world["plan"]
    response = login(personas["executive"]).post(
        reverse("workflow:plan_action", args=[plan.pk, "extend_deadline"]),
        {"new_due": "1/12/2564", "reason": "รองบประมาณจากจังหวัด"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "กำหนดเวลาใหม่ต้องหลังกำหนดเวลาเดิม" in html
    assert "รองบประมาณจากจังหวัด</textarea>" in html and 'value="1/12/2564"' in html  # as typed
    assert plan.extensions.count() == 0


def test_it_shows_a_refused_return_again_with_the_typed_comment(login, personas, world):
    plan = _proposed(world)
    plan.stage = Stage.COLLECTING  # the return is refused: the plan is no longer proposed
    plan.save(update_fields=["stage"])
    response = login(personas["member"]).post(
        reverse("workflow:plan_action", args=[plan.pk, "committee_return"]),
        {"comment": "ขอแก้งบโครงการถนน"},
    )
    assert response.status_code == 200
    assert "ทำรายการ “ส่งกลับให้แก้ไข (คณะกรรมการ)” ไม่ได้" in response.content.decode()
