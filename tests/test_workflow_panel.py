"""What the committee reads on the plan's step panel: the comment staff submitted with, and
after the quorum, how the plan went on without the remaining members (issue 16 items 8, 9)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from projects.models import Role, Stage
from tests.support import add_project, make_user
from workflow import services


def _submitted(world, personas, comment="แก้ตามมติครั้งก่อน ลดงบถนนแล้ว"):
    add_project(world)
    plan = world["plan"]
    plan.stage = Stage.DRAFTING
    plan.save(update_fields=["stage"])
    services.plan_submit(plan=plan, by=personas["staff"], comment=comment)
    return plan


def test_it_shows_the_submitting_comment_where_the_committee_votes(login, personas, world):
    plan = _submitted(world, personas)
    html = login(personas["member"]).get(reverse("workflow:plan_detail", args=[plan.pk]))
    panel = html.content.decode()
    assert 'data-testid="submit-comment"' in panel
    assert "แก้ตามมติครั้งก่อน ลดงบถนนแล้ว" in panel
    assert "เสนอครั้งที่ 1 โดย staff" in panel


def test_it_tells_the_remaining_member_the_plan_went_on_with_the_quorum(login, personas, world):
    org = world["org"]
    second = make_user("member2", org, Role.COMMITTEE_MEMBER)
    third = make_user("member3", org, Role.COMMITTEE_MEMBER)
    plan = _submitted(world, personas)
    with time_machine.travel(datetime(2021, 12, 10, 10, tzinfo=ZoneInfo("Asia/Bangkok"))):
        services.plan_vote(plan=plan, by=personas["member"], approve=True)
        services.plan_vote(plan=plan, by=second, approve=True)
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED
    page = login(third).get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert (
        "คณะกรรมการพัฒนาเห็นชอบร่างแผนแล้ว 2 จาก 3 เสียง (ต้องการ 2 เสียง) "
        "เมื่อ 10 ธันวาคม พ.ศ. 2564 แผนจึงเสนอผู้บริหารต่อไป ไม่ต้องลงมติเพิ่ม"
    ) in page
    assert "แก้ตามมติครั้งก่อน" in page  # what the plan was submitted with stays in view
