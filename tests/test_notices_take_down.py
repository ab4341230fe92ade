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
