"""What the posting dashboard asks for next, and taking a notice down: a warning before an
early take-down, and corrections of a posting record kept in the plan's history (issue 16
items 4 and 5)."""

from datetime import date

import time_machine
from django.urls import reverse


def test_it_names_the_next_action_and_its_place_on_the_dashboard(announced, login, personas):
    with time_machine.travel(date(2021, 12, 22), tick=False):
        html = login(personas["staff"]).get(reverse("notices:dashboard")).content.decode()
    assert "ปิดประกาศที่ บอร์ดประชาสัมพันธ์ที่ทำการ ภายใน 27 ธันวาคม พ.ศ. 2564" in html
    announced.postings.create(
        place="office", posted_on=date(2021, 12, 21), recorded_by=personas["staff"]
    )
    with time_machine.travel(date(2021, 12, 22), tick=False):
        html = login(personas["staff"]).get(reverse("notices:dashboard")).content.decode()
    assert "ปลดประกาศที่ เว็บไซต์ (http://127.0.0.1:8000/p/sungmen/2565/) ได้ตั้งแต่ 10 มกราคม" in html


def _office(plan, by, on=date(2021, 12, 21)):
    return plan.postings.create(place="office", posted_on=on, recorded_by=by)


def test_it_asks_before_an_early_take_down_and_saves_nothing_meanwhile(announced, login, personas):
    posting = _office(announced, personas["staff"])
    url = reverse("notices:posting_take_down", args=[posting.pk])
    client = login(personas["staff"])
    with time_machine.travel(date(2022, 1, 5), tick=False):
        response = client.post(url, {"taken_down_on": "05/01/2565"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ครบกำหนดปิดประกาศ: ปลดได้ตั้งแต่ 11 มกราคม พ.ศ. 2565" in html
    assert 'data-testid="early-warning"' in html and 'name="early_ok" value="on"' in html
    posting.refresh_from_db()
    assert posting.taken_down_on is None
    with time_machine.travel(date(2022, 1, 5), tick=False):
        client.post(url, {"taken_down_on": "05/01/2565", "early_ok": "on"})
    posting.refresh_from_db()
    assert posting.taken_down_on == date(2022, 1, 5)


def test_it_takes_down_at_once_once_the_notice_was_kept_long_enough(announced, login, personas):
    posting = _office(announced, personas["staff"])
    url = reverse("notices:posting_take_down", args=[posting.pk])
    with time_machine.travel(date(2022, 1, 12), tick=False):
        response = login(personas["staff"]).post(url, {"taken_down_on": "11/01/2565"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.taken_down_on == date(2022, 1, 11)


def test_it_corrects_a_take_down_and_keeps_the_correction_in_the_history(
    announced, login, personas
):
    posting = _office(announced, personas["staff"])
    posting.taken_down_on = date(2022, 1, 5)
    posting.save()
    url = reverse("notices:posting_correct", args=[posting.pk])
    client = login(personas["staff"])
    data = {"posted_on": "21/12/2564", "taken_down_on": "", "place_detail": "", "note": ""}
    with time_machine.travel(date(2022, 1, 12), tick=False):
        refused = client.post(url, data)  # no reason given
        assert "กรุณาระบุเหตุผลของการแก้ไข" in refused.content.decode()
        posting.refresh_from_db()
        assert posting.taken_down_on == date(2022, 1, 5)
        client.post(url, {**data, "reason": "บันทึกผิดแผ่น ประกาศยังติดอยู่"})
    posting.refresh_from_db()
    assert posting.taken_down_on is None
    event = announced.events.get(kind="posting_corrected")
    assert event.changes == {"taken_down_on": ["2022-01-05", ""]}
    assert event.actor == personas["staff"]
    history = client.get(reverse("workflow:plan_history", args=[announced.pk])).content.decode()
    assert "แก้ไขบันทึกการปิดประกาศ" in history and "บันทึกผิดแผ่น ประกาศยังติดอยู่" in history
    assert "5 ม.ค. 65" in history


def test_it_refuses_a_correction_that_breaks_the_posting_rules(announced, login, personas):
    posting = _office(announced, personas["staff"])
    url = reverse("notices:posting_correct", args=[posting.pk])
    data = {"posted_on": "01/12/2564", "reason": "แก้วันที่"}
    with time_machine.travel(date(2022, 1, 12), tick=False):
        response = login(personas["staff"]).post(url, data)
    html = response.content.decode()
    assert "วันที่ปิดประกาศต้องไม่ก่อนวันที่ประกาศ" in html
    assert 'value="01/12/2564"' in html and "แก้วันที่" in html
    posting.refresh_from_db()
    assert posting.posted_on == date(2021, 12, 21)
    assert not announced.events.filter(kind="posting_corrected").exists()


def test_it_lets_only_the_organizations_staff_correct_a_posting(announced, login, personas, client):
    posting = _office(announced, personas["staff"])
    url = reverse("notices:posting_correct", args=[posting.pk])
    data = {"posted_on": "22/12/2564", "reason": "แก้วันที่"}
    expected = {"member": 403, "executive": 403, "nobody": 404, "outsider": 404}
    for persona, status in expected.items():
        assert login(personas[persona]).post(url, data).status_code == status, persona
    client.logout()
    assert client.post(url, data).url.startswith("/accounts/login/")
    assert login(personas["staff"]).get(url).status_code == 405
    posting.refresh_from_db()
    assert posting.posted_on == date(2021, 12, 21)
    with time_machine.travel(date(2022, 1, 12), tick=False):
        assert login(personas["orgadmin"]).post(url, data).status_code == 302
    posting.refresh_from_db()
    assert posting.posted_on == date(2021, 12, 22)
