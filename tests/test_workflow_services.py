"""Every transition: happy path, wrong stage, wrong role, another organization's user."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from notices import services as notices
from notices.models import PlanDocument, Posting
from projects.models import Action, AuditEvent, Project, Role, RuleSet, Stage
from tests.support import add_project, make_user
from workflow import services
from workflow.models import Announcement, Submission, Vote


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run a step's after-commit callbacks (the mail) as a real commit would: each test
    runs inside a transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def committee(world, personas):
    """Three members in all: the persona 'member' and two more; a majority is two."""
    org = world["org"]
    extra = [make_user(f"member{i}", org, Role.COMMITTEE_MEMBER) for i in (2, 3)]
    return [personas["member"], *extra]


@pytest.fixture
def plan(world, personas):
    add_project(world)
    return world["plan"]


def at(plan, stage):
    plan.stage = stage
    plan.save(update_fields=["stage"])
    return plan


def submitted(plan, staff):
    at(plan, Stage.DRAFTING)
    services.plan_submit(plan=plan, by=staff)
    plan.refresh_from_db()
    return plan


def transitions(plan):
    return list(
        AuditEvent.objects.filter(plan=plan, kind="transition")
        .order_by("id")
        .values_list("from_stage", "to_stage")
    )


def test_it_starts_drafting(plan, personas):
    services.plan_start_drafting(plan=plan, by=personas["staff"])
    plan.refresh_from_db()
    assert plan.stage == Stage.DRAFTING
    assert transitions(plan) == [("collecting", "drafting")]


def test_it_submits_with_a_snapshot_and_mails_the_committee(plan, personas, committee, committing):
    for i, member in enumerate(committee):
        member.email = f"m{i}@example.org"
        member.save()
    committee[2].email = ""  # no address, no mail
    committee[2].save()
    at(plan, Stage.DRAFTING)
    with committing():
        submission = services.plan_submit(plan=plan, by=personas["staff"], comment="ขอเสนอ")
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    assert submission.number == 1
    project = Project.objects.get()
    assert submission.content["projects"][str(project.pk)]["title"] == project.title
    assert submission.content["total"] == "250000.00"
    assert sorted(m.to[0] for m in mail.outbox) == ["m0@example.org", "m1@example.org"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "เสนอครั้งที่ 1" in mail.outbox[0].subject


def test_it_refuses_to_submit_an_empty_plan(world, personas):
    plan = at(world["plan"], Stage.DRAFTING)
    with pytest.raises(services.WorkflowError, match="ยังไม่มีโครงการ"):
        services.plan_submit(plan=plan, by=personas["staff"])
    plan.refresh_from_db()
    assert plan.stage == Stage.DRAFTING
    assert not Submission.objects.exists()


def test_it_promotes_to_the_executive_when_approvals_reach_the_quorum(
    plan, personas, committee, committing
):
    personas["executive"].email = "mayor@example.org"
    personas["executive"].save()
    plan = submitted(plan, personas["staff"])
    mail.outbox.clear()
    with committing():
        services.plan_vote(plan=plan, by=committee[0], approve=True)
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW  # 1 of 2 needed (majority of 3)
    assert mail.outbox == []
    with committing():
        services.plan_vote(plan=plan, by=committee[1], approve=True, comment="เห็นชอบ")
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED
    assert [m.to for m in mail.outbox] == [["mayor@example.org"]]
    assert transitions(plan)[-1] == ("committee_review", "proposed")
    assert AuditEvent.objects.filter(plan=plan, kind="vote").count() == 1


def test_it_uses_the_organizations_quorum_when_set(plan, personas, committee, world):
    rules = RuleSet.from_preset(world["org"], RuleSet.Preset.SEED)
    rules.committee_quorum = 3
    rules.save()
    plan = submitted(plan, personas["staff"])
    for member in committee[:2]:
        services.plan_vote(plan=plan, by=member, approve=True)
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    services.plan_vote(plan=plan, by=committee[2], approve=True)
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


def test_it_returns_to_drafting_with_the_comment_mailed_to_staff(
    plan, personas, committee, committing
):
    personas["staff"].email = "staff@example.org"
    personas["staff"].save()
    plan = submitted(plan, personas["staff"])
    mail.outbox.clear()
    with committing():
        services.plan_vote(plan=plan, by=committee[0], approve=False, comment="แก้งบโครงการถนน")
    plan.refresh_from_db()
    assert plan.stage == Stage.DRAFTING
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    assert "แก้งบโครงการถนน" in mail.outbox[0].body
    event = AuditEvent.objects.filter(plan=plan, kind="transition").order_by("id").last()
    assert event.comment == "แก้งบโครงการถนน"
    assert event.actor == committee[0]


def test_it_requires_a_comment_to_return(plan, personas, committee):
    plan = submitted(plan, personas["staff"])
    with pytest.raises(services.WorkflowError, match="ความเห็น"):
        services.plan_vote(plan=plan, by=committee[0], approve=False, comment="  ")
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    assert not Vote.objects.exists()


def test_it_counts_votes_per_submission(plan, personas, committee):
    plan = submitted(plan, personas["staff"])
    services.plan_vote(plan=plan, by=committee[0], approve=True)
    services.plan_vote(plan=plan, by=committee[1], approve=False, comment="แก้ไข")
    services.plan_submit(plan=plan, by=personas["staff"])
    plan.refresh_from_db()
    # The earlier approval was for submission 1; submission 2 needs two fresh approvals.
    services.plan_vote(plan=plan, by=committee[0], approve=True)
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW
    assert plan.submissions.count() == 2


def test_it_refuses_a_second_vote_from_the_same_member(plan, personas, committee):
    plan = submitted(plan, personas["staff"])
    services.plan_vote(plan=plan, by=committee[0], approve=True)
    with pytest.raises(services.WorkflowError, match="ลงมติ"):
        services.plan_vote(plan=plan, by=committee[0], approve=True)
    assert Vote.objects.count() == 1


def test_it_announces_and_mails_staff_and_committee(plan, personas, committee, committing):
    personas["staff"].email = "staff@example.org"
    personas["staff"].save()
    committee[0].email = "m0@example.org"
    committee[0].save()
    at(plan, Stage.PROPOSED)
    with committing():
        notices.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=date(2021, 12, 15),
            signer_name="นายสมมุติ ตัวอย่าง",
            signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.ANNOUNCED
    assert Announcement.objects.get().announced_on == date(2021, 12, 15)
    assert sorted(m.to[0] for m in mail.outbox) == ["m0@example.org", "staff@example.org"]
    assert "15 ธันวาคม พ.ศ. 2564" in mail.outbox[0].body


def test_it_issues_the_document_and_the_website_posting_with_the_announcement(plan, personas):
    at(plan, Stage.PROPOSED)
    notices.plan_announce(
        plan=plan,
        by=personas["executive"],
        announced_on=date(2021, 12, 15),
        signer_name="นายสมมุติ ตัวอย่าง",
        signer_title="นายกองค์การบริหารส่วนตำบลสูงเม่น",
    )
    assert PlanDocument.objects.filter(plan=plan).count() == 1
    assert list(plan.postings.values_list("place", flat=True)) == [Posting.Place.WEBSITE]


def test_it_announces_nothing_when_the_notice_cannot_be_issued(plan, personas):
    """The workflow's step and the notice's issue are one transaction: if issuing fails, the
    plan is not announced either, and so never announced without its document."""
    at(plan, Stage.PROPOSED)

    def failing_issue(plan, by):
        raise RuntimeError("the notice could not be issued")

    with pytest.raises(RuntimeError):
        services.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=date(2021, 12, 15),
            signer_name="นายสมมุติ ตัวอย่าง",
            signer_title="นายก",
            issue=failing_issue,
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED
    assert not Announcement.objects.exists()
    assert not plan.events.filter(action=Action.ANNOUNCE).exists()


def test_it_lets_the_executive_return_with_a_comment(plan, personas):
    at(plan, Stage.PROPOSED)
    services.plan_executive_return(plan=plan, by=personas["executive"], comment="ทบทวนงบ")
    plan.refresh_from_db()
    assert plan.stage == Stage.DRAFTING


STEPS = {
    "start_drafting": (
        Stage.COLLECTING,
        "staff",
        lambda plan, by: services.plan_start_drafting(plan=plan, by=by),
    ),
    "submit": (
        Stage.DRAFTING,
        "staff",
        lambda plan, by: services.plan_submit(plan=plan, by=by),
    ),
    "approve": (
        Stage.COMMITTEE_REVIEW,
        "member",
        lambda plan, by: services.plan_vote(plan=plan, by=by, approve=True),
    ),
    "return": (
        Stage.COMMITTEE_REVIEW,
        "member",
        lambda plan, by: services.plan_vote(plan=plan, by=by, approve=False, comment="x"),
    ),
    "announce": (
        Stage.PROPOSED,
        "executive",
        lambda plan, by: notices.plan_announce(
            plan=plan, by=by, announced_on=date(2021, 12, 1), signer_name="ก", signer_title="ข"
        ),
    ),
    "executive_return": (
        Stage.PROPOSED,
        "executive",
        lambda plan, by: services.plan_executive_return(plan=plan, by=by, comment="x"),
    ),
}


def prepare(plan, personas, stage):
    if stage == Stage.COMMITTEE_REVIEW:
        return submitted(plan, personas["staff"])
    return at(plan, stage)


@pytest.mark.parametrize("step", sorted(STEPS))
def test_it_refuses_every_step_from_a_wrong_stage(step, plan, personas):
    right_stage, persona, run = STEPS[step]
    for stage in Stage:
        if stage == right_stage:
            continue
        at(plan, stage)
        events = AuditEvent.objects.count()
        with pytest.raises(services.WrongStage, match="ไม่ได้ เพราะแผนอยู่ในขั้น"):
            run(plan, personas[persona])
        plan.refresh_from_db()
        assert plan.stage == stage
        assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("persona", ["staff", "member", "executive", "orgadmin", "outsider"])
def test_it_refuses_every_step_to_the_wrong_role(step, persona, plan, personas):
    right_stage, right_persona, run = STEPS[step]
    if persona == right_persona:
        return
    plan = prepare(plan, personas, right_stage)
    events = AuditEvent.objects.count()
    with pytest.raises(services.NotAllowed, match="ไม่มีสิทธิ์"):
        run(plan, personas[persona])
    plan.refresh_from_db()
    assert plan.stage == right_stage
    assert AuditEvent.objects.count() == events


def test_it_records_deadline_extensions_by_the_executive_only(plan, personas):
    with pytest.raises(services.NotAllowed):
        services.plan_extend_deadline(
            plan=plan, by=personas["staff"], new_due=date(2022, 1, 31), reason="x"
        )
    with pytest.raises(services.WorkflowError, match="เหตุผล"):
        services.plan_extend_deadline(
            plan=plan, by=personas["executive"], new_due=date(2022, 1, 31), reason=" "
        )
    services.plan_extend_deadline(
        plan=plan, by=personas["executive"], new_due=date(2022, 1, 31), reason="รองบจังหวัด"
    )
    event = AuditEvent.objects.get(kind="deadline")
    # The old value is the due date the rules gave (end of December), not "".
    assert event.changes == {"due": ["2021-12-31", "2022-01-31"]}
    assert event.comment == "รองบจังหวัด"
    at(plan, Stage.ANNOUNCED)
    with pytest.raises(services.WrongStage):
        services.plan_extend_deadline(
            plan=plan, by=personas["executive"], new_due=date(2022, 2, 1), reason="x"
        )


@time_machine.travel(date(2021, 12, 20), tick=False)
def test_it_refuses_an_announcement_dated_in_the_future(plan, personas):
    at(plan, Stage.PROPOSED)
    with pytest.raises(services.WorkflowError, match="ต้องไม่เป็นวันในอนาคต"):
        notices.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=date(2021, 12, 21),
            signer_name="ก",
            signer_title="ข",
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


def test_it_refuses_an_announcement_dated_before_the_committee_approved(plan, personas, committee):
    with time_machine.travel(date(2021, 12, 10), tick=False):
        plan = submitted(plan, personas["staff"])
        for member in committee[:2]:
            services.plan_vote(plan=plan, by=member, approve=True)
    with time_machine.travel(date(2021, 12, 20), tick=False):
        with pytest.raises(services.WorkflowError, match="ก่อนวันที่คณะกรรมการพัฒนาเห็นชอบ"):
            notices.plan_announce(
                plan=plan,
                by=personas["executive"],
                announced_on=date(2021, 12, 9),
                signer_name="ก",
                signer_title="ข",
            )
        notices.plan_announce(
            plan=plan,
            by=personas["executive"],
            announced_on=date(2021, 12, 10),
            signer_name="ก",
            signer_title="ข",
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.ANNOUNCED


def test_it_only_extends_a_deadline_forward(plan, personas):
    # The main plan of FY 2565 is due 31 December 2021 under the default rule.
    with pytest.raises(services.WorkflowError, match="ต้องหลังกำหนดเวลาเดิม"):
        services.plan_extend_deadline(
            plan=plan, by=personas["executive"], new_due=date(2021, 12, 31), reason="x"
        )
    services.plan_extend_deadline(
        plan=plan, by=personas["executive"], new_due=date(2022, 1, 15), reason="x"
    )
    with pytest.raises(services.WorkflowError, match="ต้องหลังกำหนดเวลาเดิม"):
        services.plan_extend_deadline(
            plan=plan, by=personas["executive"], new_due=date(2022, 1, 10), reason="x"
        )
