"""The changes page between submissions and the history page, as staff and committee read
them: submission numbers, tabs, and amounts, dates and months formatted as on every page."""

from decimal import Decimal

from django.urls import reverse

from projects.models import AuditEvent, Stage
from tests.support import add_project, valid_post
from workflow import services


def _two_submissions(world, personas):
    plan = world["plan"]
    project = add_project(world, title="ถนนสายเดิม", amounts=("1234567.50",))
    plan.stage = Stage.DRAFTING
    plan.save(update_fields=["stage"])
    services.plan_submit(plan=plan, by=personas["staff"])
    services.plan_vote(plan=plan, by=personas["member"], approve=False, comment="ลดงบ")
    line = project.budget_lines.get()
    line.amount = Decimal("1000000")
    line.save()
    services.plan_submit(plan=plan, by=personas["staff"])
    return plan


def test_it_names_both_submissions_and_highlights_the_current_tab(login, personas, world):
    plan = _two_submissions(world, personas)
    response = login(personas["member"]).get(reverse("workflow:plan_changes", args=[plan.pk]))
    html = response.content.decode()
    assert "เทียบการเสนอครั้งที่ 2 กับครั้งที่ 1" in html
    assert html.count('aria-current="page"') == 2  # the breadcrumb and the current tab
    assert 'active" aria-current="page" href="?number=2"' in html


def test_it_formats_amounts_on_the_changes_page(login, personas, world):
    plan = _two_submissions(world, personas)
    html = (
        login(personas["member"])
        .get(reverse("workflow:plan_changes", args=[plan.pk]))
        .content.decode()
    )
    assert "1,234,567.50" in html and "1,000,000.00" in html
    assert "1234567.50" not in html


def test_it_formats_money_dates_and_months_in_the_history(login, personas, world):
    project = add_project(world, title="ถนน", amounts=("1234567.50",))
    client = login(personas["staff"])
    data = valid_post(
        world,
        title="ถนน",
        version=1,
        months=["10", "11"],
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-id": project.budget_lines.get().pk,
            "lines-0-amount": "300,000",
        },
    )
    client.post(reverse("projects:project_update", args=[project.pk]), data)
    AuditEvent.objects.create(
        plan=world["plan"],
        kind=AuditEvent.Kind.DEADLINE,
        actor=personas["executive"],
        changes={"due": ["", "2022-01-31"]},
    )
    html = client.get(reverse("workflow:plan_history", args=[world["plan"].pk])).content.decode()
    assert "1,234,567.50" in html and "300,000.00" in html
    assert "1234567.50" not in html and "300000.00" not in html
    assert "31 ม.ค. 65" in html and "2022-01-31" not in html
    assert "ต.ค. พ.ย." in html
