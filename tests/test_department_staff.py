"""A department's staff (Role.DEPARTMENT_STAFF): they record the progress of their own
department's projects of an announced plan, from the project's page or from Excel, and
nothing else; the administrator gives the role with its department."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from projects import progress
from projects.access import progress_scope
from projects.manage.masterdata import KINDS, master_save
from projects.models import (
    AuditEvent,
    Department,
    Disbursement,
    Membership,
    PendingImport,
    ProgressPhoto,
    ProgressStatus,
    Project,
    ProjectProgress,
    Role,
    RoundKind,
)
from tests.progress_support import open_round
from tests.support import add_project, make_department_staff, make_user
from tests.test_progress_import import edited, upload, upload_and_preview
from tests.test_progress_page import update_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def today():
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


@pytest.fixture
def works_project(announced):
    """The announced plan's own project: กองช่าง's."""
    return Project.objects.get(plan=announced)


@pytest.fixture
def office_project(announced, world):
    """A second project of the plan, สำนักปลัด's."""
    return add_project(
        world, title="โครงการอบรมอาสาสมัคร", department=world["departments"][1], plan=announced
    )


@pytest.fixture
def office_staff(world):
    return make_department_staff("office", world["org"], world["departments"][1])


def snapshot():
    return (
        list(ProjectProgress.objects.values()),
        list(Disbursement.objects.values()),
        ProgressPhoto.objects.count(),
        AuditEvent.objects.count(),
    )


def picture() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("site.jpg", buffer.getvalue(), content_type="image/jpeg")


# --- the scope ---------------------------------------------------------------------------


def test_the_scope_of_each_role(personas, world, works_project, office_project):
    org = world["org"].pk
    assert progress_scope(personas["staff"], org).everything
    assert progress_scope(personas["orgadmin"], org).everything
    department = progress_scope(personas["department"], org)
    assert department.covers(works_project) and not department.covers(office_project)
    assert department.limit == {world["departments"][0].pk}
    assert department.names == ("กองช่าง",)
    for reader in ("member", "executive", "monitor", "outsider", "nobody"):
        scope = progress_scope(personas[reader], org)
        assert not scope.any and scope.limit is None
        assert not scope.covers(works_project)


def test_another_agencys_project_is_no_departments(personas, world, announced):
    project = add_project(
        world,
        plan=announced,
        department=None,
        ownership=Project.Ownership.OTHER_AGENCY,
        agency="แขวงทางหลวงชนบท",
    )
    assert not progress_scope(personas["department"], world["org"].pk).covers(project)
    assert progress_scope(personas["staff"], world["org"].pk).covers(project)


def test_the_role_needs_its_department_and_only_it_has_one(world):
    user = make_user("x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organization=world["org"], role=Role.DEPARTMENT_STAFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=user,
            organization=world["org"],
            role=Role.PLANNING_STAFF,
            department=world["departments"][0],
        )


# --- the project's page -------------------------------------------------------------------


def test_they_record_their_own_departments_project(personas, login, works_project):
    client = login(personas["department"])
    page = client.get(reverse("projects:progress", args=[works_project.pk]))
    assert page.context["can_edit"] and "form" in page.context

    response = client.post(
        reverse("projects:progress_update", args=[works_project.pk]), update_post()
    )
    assert response.status_code == 302
    record = ProjectProgress.objects.get(project=works_project)
    assert (
        record.status == ProgressStatus.IN_PROGRESS and record.updated_by == personas["department"]
    )
    assert (
        client.post(
            reverse("projects:disbursement_add", args=[works_project.pk]),
            {"paid_on": "01/03/2565", "amount": "1,000.50"},
        ).status_code
        == 302
    )
    payment = Disbursement.objects.get(project=works_project)
    assert payment.amount == Decimal("1000.50")
    assert (
        client.post(
            reverse("projects:progress_photo_add", args=[works_project.pk]),
            {"photo": picture(), "caption": "หน้างาน"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("projects:disbursement_remove", args=[payment.pk]), {"reason": "บันทึกซ้ำ"}
        ).status_code
        == 302
    )
    assert not Disbursement.objects.exists()
    actors = set(
        AuditEvent.objects.filter(project=works_project).values_list("actor__username", flat=True)
    )
    assert actors == {"department"}


def test_they_read_but_cannot_write_another_departments_project(
    office_staff, login, works_project, personas
):
    payment = progress.disbursement_add(
        project=works_project,
        by=personas["staff"],
        paid_on=date(2022, 3, 1),
        amount=Decimal("500"),
    )
    client = login(office_staff)
    page = client.get(reverse("projects:progress", args=[works_project.pk]))
    assert page.status_code == 200
    assert not page.context["can_edit"] and "form" not in page.context
    before = snapshot()
    writes = [
        (reverse("projects:progress_update", args=[works_project.pk]), update_post()),
        (
            reverse("projects:disbursement_add", args=[works_project.pk]),
            {"paid_on": "01/03/2565", "amount": "1000"},
        ),
        (
            reverse("projects:progress_photo_add", args=[works_project.pk]),
            {"photo": picture(), "caption": ""},
        ),
        (reverse("projects:disbursement_remove", args=[payment.pk]), {"reason": "ลองลบ"}),
    ]
    for url, data in writes:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "เจ้าหน้าที่ของกอง/ส่วนที่รับผิดชอบโครงการ" in response.content.decode()
    assert snapshot() == before


def test_another_organizations_department_staff_gets_not_found(other_world, login, works_project):
    stranger = make_department_staff("stranger", other_world["org"], other_world["departments"][0])
    client = login(stranger)
    assert client.get(reverse("projects:progress", args=[works_project.pk])).status_code == 404
    before = snapshot()
    response = client.post(
        reverse("projects:progress_update", args=[works_project.pk]), update_post()
    )
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    "name", ["projects:project_update", "projects:project_delete", "projects:import_upload"]
)
def test_they_cannot_change_the_plan_itself(name, personas, login, works_project):
    target = works_project.plan_id if name == "projects:import_upload" else works_project.pk
    response = login(personas["department"]).post(reverse(name, args=[target]), {"title": "x"})
    assert response.status_code == 403
    works_project.refresh_from_db()
    assert works_project.title == "โครงการดำเนินงานจัดทำแผนชุมชน"


def test_they_take_no_step_of_a_round(personas, login, announced):
    response = login(personas["department"]).post(
        reverse("workflow:plan_rounds", args=[announced.pk]), {"kind": "half_year"}
    )
    assert response.status_code == 403
    assert not announced.rounds.exists()


# --- the plan's table ----------------------------------------------------------------------


def test_the_table_opens_on_their_projects_and_shows_the_plan_on_request(
    personas, login, works_project, office_project
):
    client = login(personas["department"])
    url = reverse("projects:plan_progress", args=[works_project.plan_id])
    mine = client.get(url)
    assert [row.project for row in mine.context["rows"]] == [works_project]
    assert mine.context["mine_only"]
    text = mine.content.decode()
    assert "แสดงเฉพาะโครงการของกองช่าง" in text and "จำนวนโครงการของกอง" in text
    everything = client.get(url, {"all": "1"})
    assert {row.project for row in everything.context["rows"]} == {works_project, office_project}
    assert 'name="all" value="1"' in everything.content.decode()
    for editor in ("staff", "member"):
        rows = login(personas[editor]).get(url).context["rows"]
        assert len(rows) == 2, editor


def test_the_table_links_to_the_import_for_those_who_record(personas, login, announced):
    url = reverse("projects:plan_progress", args=[announced.pk])
    link = reverse("projects:progress_import_upload", args=[announced.pk])
    for who, shown in (("staff", True), ("department", True), ("member", False)):
        assert (link in login(personas[who]).get(url).content.decode()) is shown, who


# --- Excel ----------------------------------------------------------------------------------


def file_ids(content: bytes) -> list[int]:
    sheet = load_workbook(io.BytesIO(content))["ผลการดำเนินงาน"]
    return [sheet.cell(r, 1).value for r in range(3, sheet.max_row + 1)]


def test_their_file_holds_their_departments_projects_only(
    personas, login, works_project, office_project
):
    url = reverse("projects:progress_template", args=[works_project.plan_id])
    mine = login(personas["department"]).get(url)
    assert mine.status_code == 200
    assert file_ids(mine.content) == [works_project.pk]
    assert "progress-department" in mine["Content-Disposition"]
    everything = login(personas["staff"]).get(url)
    assert sorted(file_ids(everything.content)) == sorted([works_project.pk, office_project.pk])


def test_a_row_of_another_department_refuses_the_file(
    personas, login, works_project, office_project
):
    plan = works_project.plan
    staff_file = login(personas["staff"]).get(reverse("projects:progress_template", args=[plan.pk]))
    content = edited(
        load_workbook(io.BytesIO(staff_file.content)),
        {
            works_project.pk: {"ความก้าวหน้า (ร้อยละ)": 30, "สถานะ": "อยู่ระหว่างดำเนินการ"},
            office_project.pk: {"ความก้าวหน้า (ร้อยละ)": 50, "สถานะ": "อยู่ระหว่างดำเนินการ"},
        },
    )
    client = login(personas["department"])
    url, preview = upload_and_preview(client, plan, content)
    text = preview.content.decode()
    assert f"รหัสโครงการ {office_project.pk}: เป็นโครงการของสำนักปลัด" in text
    assert preview.context["preview"].has_errors
    before = snapshot()
    client.post(url)
    assert snapshot() == before
    assert PendingImport.objects.filter(by=personas["department"]).exists()
    # The same file, imported by planning staff, writes both rows.
    staff = login(personas["staff"])
    staff_url, staff_preview = upload_and_preview(staff, plan, content)
    assert not staff_preview.context["preview"].has_errors
    assert staff.post(staff_url).status_code == 302
    assert ProjectProgress.objects.filter(percent_done__in=[30, 50]).count() == 2


def test_their_own_file_imports(personas, login, works_project, office_project):
    plan = works_project.plan
    client = login(personas["department"])
    mine = client.get(reverse("projects:progress_template", args=[plan.pk]))
    content = edited(
        load_workbook(io.BytesIO(mine.content)),
        {works_project.pk: {"ความก้าวหน้า (ร้อยละ)": 30, "สถานะ": "อยู่ระหว่างดำเนินการ"}},
    )
    url, preview = upload_and_preview(client, plan, content)
    assert not preview.context["preview"].has_errors
    assert (
        "คุณนำเข้าได้เฉพาะโครงการของกองช่าง"
        in client.get(reverse("projects:progress_import_upload", args=[plan.pk])).content.decode()
    )
    assert client.post(url).status_code == 302
    record = ProjectProgress.objects.get(project=works_project)
    assert record.percent_done == Decimal("30") and record.updated_by == personas["department"]
    assert not ProjectProgress.objects.filter(project=office_project).exists()


def test_a_role_taken_away_after_the_upload_is_not_kept(personas, login, world, works_project):
    plan = works_project.plan
    client = login(personas["department"])
    mine = client.get(reverse("projects:progress_template", args=[plan.pk]))
    content = edited(
        load_workbook(io.BytesIO(mine.content)), {works_project.pk: {"ความก้าวหน้า (ร้อยละ)": 30}}
    )
    url, _preview = upload_and_preview(client, plan, content)
    Membership.objects.filter(user=personas["department"]).update(
        department=world["departments"][1]
    )
    client.post(url)
    assert not ProjectProgress.objects.filter(project=works_project).exists()


@pytest.mark.parametrize("who", ["member", "executive", "monitor"])
def test_readers_may_not_import(who, personas, login, announced):
    client = login(personas[who])
    assert client.get(reverse("projects:progress_template", args=[announced.pk])).status_code == 403
    response = upload(client, announced, b"not read")
    assert response.status_code == 403
    assert not PendingImport.objects.exists()


# --- giving the role ----------------------------------------------------------------------


def people_url(world):
    return reverse("manage:people", args=[world["org"].pk])


def test_the_administrator_gives_the_role_with_its_department(personas, login, world):
    client = login(personas["orgadmin"])
    works = world["departments"][0]
    refused = client.post(
        people_url(world),
        {"email": "chang@example.go.th", "roles": [Role.DEPARTMENT_STAFF], "title": "นายช่าง"},
    )
    assert refused.status_code == 200
    assert "กรุณาเลือกกอง/ส่วนที่เจ้าหน้าที่ผู้นี้สังกัด" in refused.content.decode()
    assert 'value="chang@example.go.th"' in refused.content.decode()
    assert not Membership.objects.filter(user__email="chang@example.go.th").exists()

    response = client.post(
        people_url(world),
        {
            "email": "chang@example.go.th",
            "roles": [Role.DEPARTMENT_STAFF, Role.COMMITTEE_MEMBER],
            "department": works.pk,
        },
    )
    assert response.status_code == 302
    memberships = dict(
        Membership.objects.filter(user__email="chang@example.go.th").values_list(
            "role", "department"
        )
    )
    assert memberships == {Role.DEPARTMENT_STAFF: works.pk, Role.COMMITTEE_MEMBER: None}
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSON_INVITED).latest("id")
    assert event.changes["กอง/ส่วน"] == ["", "กองช่าง"]
    listing = client.get(people_url(world)).content.decode()
    assert "เจ้าหน้าที่ของกอง/ส่วน (กองช่าง)" in listing


def test_a_department_of_another_organization_is_not_offered(personas, login, world, other_world):
    client = login(personas["orgadmin"])
    response = client.post(
        people_url(world),
        {
            "email": "chang@example.go.th",
            "roles": [Role.DEPARTMENT_STAFF],
            "department": other_world["departments"][0].pk,
        },
    )
    assert response.status_code == 200
    assert "ตัวเลือกนี้ไม่มีในองค์กรนี้" in response.content.decode()
    assert not Membership.objects.filter(user__email="chang@example.go.th").exists()


def test_moving_a_person_to_another_department_is_in_the_history(personas, login, world):
    client = login(personas["orgadmin"])
    user = personas["department"]
    url = reverse("manage:person", args=[world["org"].pk, user.pk])
    page = client.get(url)
    assert page.context["form"].initial["department"] == world["departments"][0].pk
    response = client.post(
        url, {"roles": [Role.DEPARTMENT_STAFF], "department": world["departments"][1].pk}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=user).department == world["departments"][1]
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.ROLE_GRANTED).latest("id")
    assert event.changes["กอง/ส่วน"] == ["กองช่าง", "สำนักปลัด"]
    # Another role instead: the department goes with the role.
    client.post(url, {"roles": [Role.PLANNING_STAFF], "department": world["departments"][1].pk})
    assert list(Membership.objects.filter(user=user).values_list("role", "department")) == [
        (Role.PLANNING_STAFF, None)
    ]


def test_a_retired_department_is_not_offered(personas, login, world):
    retired = Department.objects.create(organization=world["org"], name="กองเก่า", is_retired=True)
    client = login(personas["orgadmin"])
    form = client.get(people_url(world)).context["form"]
    assert retired not in form.fields["department"].queryset
    response = client.post(
        people_url(world),
        {"email": "old@example.go.th", "roles": [Role.DEPARTMENT_STAFF], "department": retired.pk},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="old@example.go.th").exists()


# --- what waits on them ---------------------------------------------------------------------


def test_an_open_round_waits_on_them_with_their_projects_count(
    personas, login, world, office_staff, works_project, office_project
):
    add_project(world, title="โครงการซ่อมถนน", plan=works_project.plan)
    open_round(works_project.plan, personas["staff"])
    page = login(personas["department"]).get(reverse("workflow:waiting"))
    records = page.context["records"]
    assert [(r.plan, r.mine) for r in records] == [(works_project.plan, 2)]
    text = page.content.decode()
    assert "โครงการของกองคุณ 2 โครงการ" in text
    assert reverse("projects:plan_progress", args=[works_project.plan_id]) in text
    assert [
        r.mine for r in login(office_staff).get(reverse("workflow:waiting")).context["records"]
    ] == [1]
    assert login(personas["staff"]).get(reverse("workflow:waiting")).context["records"] == []


def test_a_closed_round_no_longer_waits_on_them(personas, login, works_project):
    round = open_round(works_project.plan, personas["staff"])
    assert login(personas["department"]).get(reverse("workflow:waiting")).context["records"]
    round.stage = "drafting"
    round.save()
    assert login(personas["department"]).get(reverse("workflow:waiting")).context["records"] == []


def test_what_waits_on_them_costs_the_same_for_one_round_or_many(
    personas, login, world, works_project, django_assert_num_queries
):
    """Queries of "งานที่รอฉัน" for a department's staff: the same for one open round of one
    project as for four rounds of six projects."""
    client = login(personas["department"])
    staff = personas["staff"]
    open_round(works_project.plan, staff, RoundKind.FULL_YEAR)
    client.get(reverse("workflow:waiting"))  # the session and the user, once
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(reverse("workflow:waiting")).context["records"]) == 1
    for kind in (RoundKind.QUARTER_1, RoundKind.QUARTER_2, RoundKind.HALF_YEAR):
        open_round(works_project.plan, staff, kind)
    for _ in range(5):
        add_project(world, title="โครงการเพิ่ม", plan=works_project.plan)
    with django_assert_num_queries(len(one.captured_queries)):
        records = client.get(reverse("workflow:waiting")).context["records"]
    assert [r.mine for r in records] == [6, 6, 6, 6]


def test_a_renamed_department_keeps_its_staff_on_both_rows(
    personas, login, world, works_project, office_project
):
    """The announced plan keeps the old row; the staff move to the new one and still record
    the announced projects, and the new plan's too."""
    works = world["departments"][0]
    row = Department.objects.get(pk=works.pk)
    row.name = "กองช่างโยธา"
    new = master_save(
        kind=KINDS["departments"], organization=world["org"], row=row, by=personas["orgadmin"]
    )
    assert new.pk != works.pk and new.replaces_id == works.pk
    works_project.refresh_from_db()
    assert works_project.department_id == works.pk  # the announced plan keeps what it showed
    membership = Membership.objects.get(user=personas["department"])
    assert membership.department_id == new.pk
    later = add_project(world, title="โครงการปีหน้า", department=new, plan=works_project.plan)
    scope = progress_scope(personas["department"], world["org"].pk)
    assert scope.covers(works_project) and scope.covers(later)
    assert not scope.covers(office_project)
    assert scope.names == ("กองช่างโยธา",)
    client = login(personas["department"])
    response = client.post(
        reverse("projects:progress_update", args=[works_project.pk]), update_post()
    )
    assert response.status_code == 302
    # Saving the person's roles unchanged still works: their department is the new row.
    person = reverse("manage:person", args=[world["org"].pk, personas["department"].pk])
    admin = login(personas["orgadmin"])
    form = admin.get(person).context["form"]
    assert form.initial["department"] == new.pk
    assert (
        admin.post(person, {"roles": [Role.DEPARTMENT_STAFF], "department": new.pk}).status_code
        == 302
    )


def test_a_department_of_another_organization_is_refused_in_the_django_admin_too(
    world, other_world
):
    membership = Membership(
        user=make_user("x"),
        organization=world["org"],
        role=Role.DEPARTMENT_STAFF,
        department=other_world["departments"][0],
    )
    with pytest.raises(ValidationError) as refused:
        membership.full_clean()
    assert refused.value.message_dict["department"] == ["กอง/ส่วนนี้ไม่ใช่ขององค์กรนี้"]
    membership.department = world["departments"][0]
    membership.full_clean()
