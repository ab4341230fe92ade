"""``manage.py seed_demo``: idempotent, consistent demonstration data and working demo logins."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from notices.models import PlanDocument, ReportDocument
from notices.status import notice_status
from projects.figures import round_figures
from projects.models import (
    BudgetLine,
    Disbursement,
    Membership,
    OperationsPlan,
    Organization,
    Project,
    Role,
    RoundKind,
    RoundStage,
    RuleSet,
    Stage,
)
from projects.thai import FISCAL_MONTHS
from sungmen_plan.demo import data as demo_data
from workflow.deadlines import announce_due_on

EXPECTED_ROLES = {
    "staff": Role.PLANNING_STAFF,
    "committee1": Role.COMMITTEE_MEMBER,
    "committee2": Role.COMMITTEE_MEMBER,
    "committee3": Role.COMMITTEE_MEMBER,
    "executive": Role.EXECUTIVE,
    "admin": Role.ADMINISTRATOR,
    "monitor1": Role.MONITORING_COMMITTEE,
    "monitor2": Role.MONITORING_COMMITTEE,
    "monitor3": Role.MONITORING_COMMITTEE,
    "works": Role.DEPARTMENT_STAFF,
}


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "plans": OperationsPlan.objects.count(),
        "projects": Project.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


def snapshot() -> list[tuple]:
    """Everything a re-run could touch, including the auto_now timestamps."""
    projects = [
        (p.pk, p.title, p.updated_at, p.months, sorted(p.villages.values_list("pk", flat=True)))
        for p in Project.objects.order_by("pk")
    ]
    lines = list(BudgetLine.objects.order_by("pk").values_list("pk", "project_id", "amount"))
    users = list(get_user_model().objects.order_by("pk").values_list("pk", "password"))
    return [projects, lines, users]


@pytest.fixture
def plan(db) -> OperationsPlan:
    seed()
    return OperationsPlan.objects.get(organization__slug="sungmen", fiscal_year=2565)


@pytest.mark.django_db
def test_it_is_idempotent():
    seed()
    first_counts, first_snapshot = counts(), snapshot()
    output = seed()
    assert counts() == first_counts
    assert snapshot() == first_snapshot
    assert "สร้างใหม่ 0 แก้ไข 0 ลบ 0" in output
    assert first_counts["organizations"] == 1
    assert first_counts["plans"] == 2  # last year's announced plan and this year's
    assert first_counts["memberships"] == len(EXPECTED_ROLES)


@pytest.mark.django_db
def test_it_restores_edited_demo_values_without_duplicating(plan):
    project = plan.projects.filter(form=Project.Form.PROJECT).first()
    line = project.budget_lines.first()
    original_amount, original_title = line.amount, project.title
    line.amount = Decimal("1.00")
    line.save()
    project.villages.clear()
    before = counts()
    seed()
    line.refresh_from_db()
    assert line.amount == original_amount
    assert counts() == before
    assert plan.projects.filter(title=original_title).count() == 1


@pytest.mark.django_db
def test_it_creates_about_a_hundred_projects_of_both_forms_and_owners(plan):
    projects = plan.projects.all()
    assert 90 <= projects.count() <= 120
    titles = list(projects.values_list("title", flat=True))
    assert len(titles) == len(set(titles))
    equipment = projects.filter(form=Project.Form.EQUIPMENT)
    assert 10 <= equipment.count() <= 20
    assert not equipment.filter(equipment_type__isnull=True).exists()
    for project in equipment.prefetch_related("budget_lines"):
        for line in project.budget_lines.all():
            assert (line.group, line.category) == (
                BudgetLine.Group.INVESTMENT,
                BudgetLine.Category.EQUIPMENT,
            )
    others = projects.filter(ownership=Project.Ownership.OTHER_AGENCY)
    assert 5 <= others.count() <= 12
    assert all(p.agency for p in others)
    own = projects.filter(ownership=Project.Ownership.OWN)
    assert not own.filter(department__isnull=True).exists()
    assert projects.filter(villages__isnull=False).distinct().count() >= 30


@pytest.mark.django_db
def test_it_classifies_every_project_within_the_plan_period(plan):
    for project in plan.projects.select_related("guideline", "strategy", "program"):
        assert project.guideline.strategy_id == project.strategy_id, project.title
        assert project.strategy.period_id == plan.period_id, project.title
        assert project.program.organization_id == plan.organization_id, project.title
        assert project.plan_reference.startswith("หน้า "), project.title


@pytest.mark.django_db
def test_it_gives_every_project_positive_whole_cent_budget_lines(plan):
    total = Decimal(0)
    for project in plan.projects.prefetch_related("budget_lines"):
        lines = list(project.budget_lines.all())
        assert 1 <= len(lines) <= 3, project.title
        for line in lines:
            assert isinstance(line.amount, Decimal)
            assert line.amount > 0
            assert line.amount == line.amount.quantize(Decimal("0.01"))
            total += line.amount
    assert Decimal(15_000_000) <= total <= Decimal(30_000_000)


@pytest.mark.django_db
def test_it_schedules_months_in_fiscal_order(plan):
    for project in plan.projects.all():
        months = project.months
        assert months, project.title
        assert all(m in FISCAL_MONTHS for m in months), project.title
        positions = [FISCAL_MONTHS.index(m) for m in months]
        assert positions == sorted(set(positions)), project.title


@pytest.mark.django_db
def test_it_marks_the_organization_as_demo(plan):
    org = plan.organization
    assert org.is_demo is True
    assert org.kind == Organization.Kind.SAO
    assert (org.short_name, org.province, org.district) == ("อบต.สูงเม่น", "แพร่", "สูงเม่น")
    assert plan.supplement_number == 0
    assert plan.period.first_year == 2561 and plan.period.last_year == 2565


def logs_in(username, password) -> bool:
    # Through the login page: the throttling backend (django-axes) needs the request.
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


@pytest.mark.django_db
def test_it_lets_each_demo_user_log_in_with_the_right_role(plan):
    for username, role in EXPECTED_ROLES.items():
        assert logs_in(username, demo_data.PASSWORD), username
        roles = set(
            Membership.objects.filter(
                user__username=username, organization=plan.organization
            ).values_list("role", flat=True)
        )
        assert roles == {role}, username
    works = Membership.objects.get(user__username="works", organization=plan.organization)
    assert works.department.name == "กองช่าง"
    # กองช่าง has projects of its own to record in last year's announced plan.
    assert (
        OperationsPlan.objects.get(fiscal_year=2564)
        .projects.filter(department=works.department)
        .exists()
    )
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not get_user_model().objects.get(username="staff").is_staff


@pytest.mark.django_db
def test_it_keeps_a_changed_password_and_says_so(plan):
    user = get_user_model().objects.get(username="committee2")
    user.set_password("something-else-entirely")
    user.save()
    output = seed()
    assert logs_in("committee2", "something-else-entirely")
    assert "ถูกเปลี่ยนแล้ว" in output


@pytest.mark.django_db
def test_it_prints_the_logins_and_the_demo_warning():
    output = seed()
    for username in EXPECTED_ROLES:
        assert username in output
    assert demo_data.PASSWORD in output
    assert "ข้อมูลสาธิต" in output
    assert "ไม่ใช่แผนการดำเนินงานจริง" in output


@pytest.mark.django_db
def test_it_announces_last_years_plan_with_its_document_and_postings(plan, client):
    previous = OperationsPlan.objects.get(fiscal_year=2564)
    assert previous.stage == Stage.ANNOUNCED
    document = previous.document
    assert document.status == PlanDocument.Status.READY
    assert document.sha256 == hashlib.sha256(bytes(document.content)).hexdigest()
    postings = previous.postings.filter(round__isnull=True)
    assert postings.count() == 2 + len(demo_data.VILLAGES)  # website, office, each village
    assert not postings.exclude(place="website").filter(taken_down_on__isnull=True).exists()
    status = notice_status(previous, list(postings), date(2026, 11, 27))
    assert status.problems == []
    # its projects are where this year's are
    copied = previous.projects.prefetch_related("villages")
    assert sum(1 for p in copied if p.villages.all()) > len(copied) // 2
    # and a citizen finds it on the portal, with its PDF
    assert client.get("/p/sungmen/2564/").status_code == 200
    assert client.get("/p/sungmen/2564/plan.pdf").content == bytes(document.content)


@pytest.mark.django_db
def test_it_follows_last_years_plan_through_a_closed_and_an_open_round(plan):
    previous = OperationsPlan.objects.get(fiscal_year=2564)
    half, year = (
        previous.rounds.get(kind=RoundKind.HALF_YEAR),
        previous.rounds.get(kind=RoundKind.FULL_YEAR),
    )
    assert (half.stage, year.stage) == (RoundStage.ANNOUNCED, RoundStage.OPEN)
    assert half.announcement.announced_on == date(2021, 4, 26)
    # the committee reported to the executive when the second approval made the quorum; the
    # seed's rule counts the 15 days from that day: by 1 May, and April's end binds first
    assert half.reported_on == date(2021, 4, 16)
    approval = half.events.get(changes__has_key="reported_on")
    assert approval.changes["reported_on"] == ["", "2021-04-16"]
    assert approval.at.date() == date(2021, 4, 16)
    rules = RuleSet.for_organization(previous.organization)
    assert rules.report_days_from == RuleSet.ReportDaysFrom.REPORTED
    assert announce_due_on(half.reported_on, rules.report_within_days) == date(2021, 5, 1)
    assert half.announcement.announced_on <= date(2021, 4, 30)
    # presented to the council through its own step, six days before, within the 15 days
    assert half.presented_on == half.announcement.presented_on == date(2021, 4, 20)
    presented = half.events.get(action="report_present")
    assert presented.at.date() == date(2021, 4, 20)
    assert "days_late" not in half.events.get(action="report_announce").changes
    assert half.entries.count() == previous.projects.count()
    figures = round_figures(half)
    total = figures.total
    # every status of the report has projects, and the money adds up
    assert min(total.done, total.under_way, total.not_started, total.cancelled) >= 1
    assert total.done + total.under_way + total.not_started + total.cancelled == total.projects
    assert Decimal(0) < total.disbursed < total.committed <= total.planned
    # the open round's later payments are not in the closed round's snapshot
    paid = sum(p.amount for p in Disbursement.objects.filter(project__plan=previous))
    assert paid > total.disbursed
    # the half-year report was approved by two of the three monitoring committee members
    assert sorted(v.member.username for v in half.votes.all()) == ["monitor1", "monitor2"]
    assert half.postings.filter(place="website").get().posted_on == date(2021, 4, 26)
    office = half.postings.get(place="office")
    assert (office.posted_on, office.taken_down_on) == (date(2021, 4, 30), date(2021, 6, 4))
    # the announced report is rendered by seed_demo, so a citizen downloads it at once
    assert half.document.status == ReportDocument.Status.READY
    assert half.document.sha256 == hashlib.sha256(bytes(half.document.content)).hexdigest()


@pytest.mark.django_db
def test_it_leaves_this_years_plan_returned_for_changes(plan):
    assert plan.stage == Stage.DRAFTING
    returned = plan.events.get(action="committee_return")
    assert returned.actor.username == "committee1"
    assert plan.submissions.count() == 1
    # this year's plan is not public
    assert not OperationsPlan.objects.announced().filter(pk=plan.pk).exists()


@pytest.mark.django_db
def test_it_refuses_a_database_with_real_organizations_unless_forced(world):
    with pytest.raises(CommandError, match="องค์กรจริง"):
        seed()
    assert not get_user_model().objects.filter(username="admin").exists()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="admin").exists()
