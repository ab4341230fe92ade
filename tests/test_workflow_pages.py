"""Workflow pages against every persona, the editing lock on every path, and what the
history, changes and waiting-for-me pages show."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from projects.models import AuditEvent, BudgetLine, Project, Stage
from tests.support import add_project, valid_post
from workflow import services


def step_url(plan, action):
    # Announcing has the same path, answered by notices (it issues the notice too).
    if action == "announce":
        return reverse("notices:plan_announce", args=[plan.pk])
    return reverse("workflow:plan_action", args=[plan.pk, action])


def at(plan, stage):
    plan.stage = stage
    plan.save(update_fields=["stage"])


@pytest.mark.parametrize("persona", ["staff", "member", "executive", "orgadmin", "outsider"])
def test_it_never_changes_anything_on_get(persona, login, personas, world):
    plan = world["plan"]
    response = login(personas[persona]).get(step_url(plan, "start_drafting"))
    assert response.status_code == 405
    plan.refresh_from_db()
    assert plan.stage == Stage.COLLECTING


@pytest.mark.parametrize(
    ("persona", "status", "stage"),
    [
        ("staff", 302, Stage.DRAFTING),
        ("member", 403, Stage.COLLECTING),
        ("executive", 403, Stage.COLLECTING),
        ("orgadmin", 403, Stage.COLLECTING),
        ("outsider", 404, Stage.COLLECTING),
        ("nobody", 404, Stage.COLLECTING),
    ],
)
def test_it_lets_only_the_right_role_take_a_step(persona, status, stage, login, personas, world):
    plan = world["plan"]
    response = login(personas[persona]).post(step_url(plan, "start_drafting"))
    assert response.status_code == status
    plan.refresh_from_db()
    assert plan.stage == stage


def test_it_sends_anonymous_steps_to_the_login_page(client, world):
    response = client.post(step_url(world["plan"], "start_drafting"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_explains_a_wrong_stage_in_thai(login, personas, world):
    plan = world["plan"]
    response = login(personas["staff"]).post(step_url(plan, "submit"), follow=True)
    assert "ไม่ได้ เพราะแผนอยู่ในขั้น “เก็บรวบรวมข้อมูล”" in response.content.decode()


def test_it_keeps_the_plan_when_the_announcement_lacks_a_signer(login, personas, world):
    plan = world["plan"]
    at(plan, Stage.PROPOSED)
    data = {"announced_on": "2021-12-15", "signer_name": "", "signer_title": "นายก"}
    response = login(personas["executive"]).post(step_url(plan, "announce"), data, follow=True)
    assert "กรุณาระบุชื่อผู้ลงนาม" in response.content.decode()
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


def test_it_shows_each_persona_only_its_own_buttons(login, personas, world):
    plan = world["plan"]
    add_project(world)
    at(plan, Stage.DRAFTING)
    buttons = {}
    for persona in ("staff", "member", "executive"):
        html = login(personas[persona]).get(reverse("workflow:plan_detail", args=[plan.pk]))
        buttons[persona] = html.content.decode().count("/steps/")
    assert buttons == {"staff": 1, "member": 0, "executive": 1}  # executive: extend deadline


@pytest.mark.parametrize("stage", [Stage.COMMITTEE_REVIEW, Stage.PROPOSED, Stage.ANNOUNCED])
def test_it_locks_projects_outside_collecting_and_drafting(stage, login, personas, world):
    project = add_project(world, title="ชื่อเดิม", amounts=("1000",))
    at(world["plan"], stage)
    client = login(personas["staff"])
    plan_url = reverse("workflow:plan_detail", args=[world["plan"].pk])
    edit = reverse("projects:project_update", args=[project.pk])
    assert client.get(edit).url == plan_url
    data = valid_post(world, title="ชื่อใหม่", version=project.version)
    response = client.post(edit, data, follow=True)
    assert "แก้ไขโครงการไม่ได้ เพราะแผนอยู่ในขั้น" in response.content.decode()
    client.post(reverse("projects:project_delete", args=[project.pk]))
    client.post(reverse("projects:project_create", args=[world["plan"].pk]), valid_post(world))
    project.refresh_from_db()
    assert project.title == "ชื่อเดิม"
    assert Project.objects.count() == 1
    assert list(BudgetLine.objects.values_list("amount", flat=True)) == [Decimal("1000")]
    # and the page offers no editing links
    detail = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert edit not in detail


def test_it_offers_no_way_to_change_projects_in_the_admin(world):
    project = add_project(world, title="ชื่อเดิม")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    url = reverse("admin:projects_project_change", args=[project.pk])
    assert client.post(url, {"title": "ชื่อใหม่"}).status_code == 403
    delete = reverse("admin:projects_project_delete", args=[project.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    project.refresh_from_db()
    assert project.title == "ชื่อเดิม"


def test_it_refuses_the_second_of_two_concurrent_edits_and_keeps_its_input(login, personas, world):
    project = add_project(world, title="ชื่อเดิม")
    line = project.budget_lines.get()
    edit = reverse("projects:project_update", args=[project.pk])

    def post_as(user, title):
        data = valid_post(
            world,
            title=title,
            version=1,  # both opened the form at version 1
            **{
                "lines-TOTAL_FORMS": "1",
                "lines-INITIAL_FORMS": "1",
                "lines-0-id": line.pk,
            },
        )
        client = Client()
        client.force_login(user)
        return client.post(edit, data)

    first = post_as(personas["staff"], "ชื่อของคนแรก")
    assert first.status_code == 302
    second = post_as(personas["orgadmin"], "ชื่อของคนที่สอง")
    assert second.status_code == 200
    html = second.content.decode()
    assert "มีผู้อื่นบันทึกการแก้ไขโครงการนี้ไปก่อนแล้ว" in html
    assert 'value="ชื่อของคนที่สอง"' in html
    project.refresh_from_db()
    assert project.title == "ชื่อของคนแรก"
    assert project.version == 2
    # the re-shown form now carries the current version: saving again is a deliberate choice
    assert 'name="version" value="2"' in html


def test_it_records_old_and_new_values_on_the_history_page(login, personas, world):
    project = add_project(world, title="ชื่อเดิม")
    client = login(personas["staff"])
    data = valid_post(
        world,
        title="ชื่อใหม่",
        version=1,
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-id": project.budget_lines.get().pk,
            "lines-0-amount": "300,000",
        },
    )
    client.post(reverse("projects:project_update", args=[project.pk]), data)
    client.post(step_url(world["plan"], "start_drafting"))
    event = AuditEvent.objects.get(kind="project_updated")
    assert event.changes["title"] == ["ชื่อเดิม", "ชื่อใหม่"]
    assert event.changes["total"] == ["250000.00", "300000.00"]
    for persona in ("staff", "member", "executive"):
        page = login(personas[persona]).get(
            reverse("workflow:plan_history", args=[world["plan"].pk])
        )
        html = page.content.decode()
        assert "ชื่อเดิม" in html and "ชื่อใหม่" in html
        assert "เก็บรวบรวมข้อมูล → จัดทำร่าง" in html


def test_it_shows_what_changed_since_the_previous_submission(login, personas, world):
    plan = world["plan"]
    kept = add_project(world, title="ถนนสายเดิม", amounts=("100000",))
    dropped = add_project(world, title="โครงการที่จะตัด", amounts=("5000",))
    at(plan, Stage.DRAFTING)
    services.plan_submit(plan=plan, by=personas["staff"])
    services.plan_vote(plan=plan, by=personas["member"], approve=False, comment="ลดงบถนน")
    line = kept.budget_lines.get()
    line.amount = Decimal("80000")
    line.save()
    dropped.delete()
    add_project(world, title="โครงการใหม่", amounts=("7000",))
    services.plan_submit(plan=plan, by=personas["staff"])
    response = login(personas["member"]).get(reverse("workflow:plan_changes", args=[plan.pk]))
    html = response.content.decode()
    diff = response.context["diff"]
    assert [p["title"] for p in diff.added] == ["โครงการใหม่"]
    assert [p["title"] for p in diff.removed] == ["โครงการที่จะตัด"]
    assert [(p["title"], c["total"]) for p, c in diff.changed] == [
        ("ถนนสายเดิม", ["100000.00", "80000.00"])
    ]
    assert "105,000.00" in html and "87,000.00" in html


def test_it_lists_what_waits_for_each_role(login, personas, world):
    plan = world["plan"]
    add_project(world)
    at(plan, Stage.DRAFTING)
    services.plan_submit(plan=plan, by=personas["staff"])

    def waiting(persona):
        response = login(personas[persona]).get(reverse("workflow:waiting"))
        return [reason for p, reason, _ in response.context["items"] if p == plan]

    assert waiting("member") == ["รอมติของคุณ"]
    assert waiting("staff") == []
    assert waiting("executive") == []
    assert waiting("outsider") == []  # it sees its own organization's plan only
    services.plan_vote(plan=plan, by=personas["member"], approve=False, comment="แก้ชื่อ")
    assert waiting("staff") == ["ถูกส่งกลับให้แก้ไข: แก้ชื่อ"]
    assert waiting("member") == []


@pytest.mark.parametrize("page", ["workflow:plan_history", "workflow:plan_changes"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("member", 200),
        ("executive", 200),
        ("orgadmin", 200),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_it_shows_plan_records_only_to_the_organization(
    page, persona, status, login, personas, world
):
    url = reverse(page, args=[world["plan"].pk])
    assert login(personas[persona]).get(url).status_code == status


@pytest.mark.parametrize(
    "url",
    ["workflow:waiting", "workflow:plan_history", "workflow:plan_changes"],
)
def test_it_sends_anonymous_visitors_to_log_in(url, client, world):
    args = [] if url == "workflow:waiting" else [world["plan"].pk]
    response = client.get(reverse(url, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_applies_a_rule_preset_chosen_in_the_admin(world):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    data = {
        "organization": world["org"].pk,
        "preset": "regulation_2561",
        "main_plan_due": "end_of_december",
        "completion_days": "1",
        "posting_within_days": "1",
        "posting_keep_days": "1",
        "legal_source": "x",
        "committee_quorum": "",
    }
    response = client.post(reverse("admin:projects_ruleset_add"), data)
    assert response.status_code == 302
    rules = world["org"].rules
    assert (rules.posting_within_days, rules.posting_keep_days) == (15, 30)
    assert rules.main_plan_due == "days_after_trigger"
    assert "ข้อ ๒๖ (๒)" in rules.legal_source


def test_it_keeps_the_audit_trail_out_of_reach_of_the_admin(login, personas, world):
    plan = world["plan"]
    login(personas["staff"]).post(step_url(plan, "start_drafting"))
    event = AuditEvent.objects.get()
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    delete = reverse("admin:projects_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_answers_404_to_a_malformed_submission_number(login, personas, world):
    plan = world["plan"]
    add_project(world)
    at(plan, Stage.DRAFTING)
    services.plan_submit(plan=plan, by=personas["staff"])
    url = reverse("workflow:plan_changes", args=[plan.pk])
    assert login(personas["member"]).get(url, {"number": "abc"}).status_code == 404
    assert login(personas["member"]).get(url, {"number": "1"}).status_code == 200


def test_it_keeps_what_was_typed_when_the_plan_was_submitted_meanwhile(login, personas, world):
    project = add_project(world, title="ชื่อเดิม")
    at(world["plan"], Stage.COMMITTEE_REVIEW)  # a colleague submitted while this one typed
    data = valid_post(world, title="ชื่อที่เพิ่งพิมพ์", version=project.version)
    url = reverse("projects:project_update", args=[project.pk])
    response = login(personas["staff"]).post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="ชื่อที่เพิ่งพิมพ์"' in html
    assert "แก้ไขโครงการไม่ได้ เพราะแผนอยู่ในขั้น" in html
    project.refresh_from_db()
    assert project.title == "ชื่อเดิม"
