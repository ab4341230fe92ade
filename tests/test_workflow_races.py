"""Races on one plan, run on real concurrent connections: the row lock serialises them.

Each test starts several threads at a barrier, each with its own database connection, and
lets them call the same service at once. What is proven, on SQLite (BEGIN IMMEDIATE) and on
PostgreSQL (SELECT ... FOR UPDATE on the plan row):

- of several executives announcing, several staff submitting, or a member double-clicking,
  one wins and the others are refused cleanly (WrongStage / WorkflowError, never an
  IntegrityError), leaving one Announcement, one Submission, one Vote and one audit event;
- the last two approvals, or an approval against a return, move the plan exactly once;
- of several staff saving the same project from the same version one wins, the others get
  EditConflict;
- a project save racing a submission is either in the submitted snapshot or refused with
  PlanLocked, never saved behind the committee's back;
- of two staff recording the office posting at once, one is recorded and the other refused
  (PostingError), and only the recorded one's photo is stored.

To make the window real, a function each service calls after taking the lock is wrapped with
a 0.2 s sleep (see `widen`), and every test checks that all calls overlapped in time. Without
the lock, every thread would read the plan before the winner commits, pass the stage (or
version) check during the sleep and write: duplicates, IntegrityErrors or lost updates, which
the assertions below would catch.
"""

import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from notices import services as notices
from notices.models import Posting
from projects import services as project_services
from projects.forms import BudgetLineFormSet, ProjectForm
from projects.models import Action, AuditEvent, OperationsPlan, Project, Role, Stage
from tests.support import add_project, make_user, make_world, valid_post
from workflow import services
from workflow.models import Announcement, Submission, Vote
from workflow.snapshots import plan_snapshot

pytestmark = pytest.mark.django_db(transaction=True)

HEAD_START = 0.05  # how long the other threads wait when one is given a head start
WINDOW = 0.2  # sleep inside the locked section


def widen(monkeypatch, module, name):
    """Sleep before `module.name`, which the services call only while holding the lock.

    workflow.services.roles_in runs in _check right after _lock and before the stage check;
    plan_snapshot and committee_quorum, projects.services._state and notices.services._touch,
    after the checks and before the writes. Sleeping there holds the lock while the other
    threads wait on it.
    """
    original = getattr(module, name)

    def slow(*args, **kwargs):
        time.sleep(WINDOW)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


def race(*calls, first=None):
    """Run the calls in threads released together; return each outcome: "ok" or the error.

    `first` (an index) lets that call go HEAD_START seconds earlier, to bias which one wins.
    """
    barrier = threading.Barrier(len(calls))
    outcomes, spans = [None] * len(calls), [None] * len(calls)

    def run(i, call):
        try:
            connection.ensure_connection()  # connect before the barrier, not in the race
            barrier.wait(timeout=10)
            if first is not None and i != first:
                time.sleep(HEAD_START)
            start = time.monotonic()
            try:
                call()
                outcomes[i] = "ok"
            except Exception as error:
                outcomes[i] = type(error).__name__
            spans[i] = (start, time.monotonic())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    assert None not in spans, f"a thread failed outside the call: {outcomes}"
    # Every call started before the first one finished: they really ran at the same time.
    assert max(s for s, _ in spans) < min(e for _, e in spans)
    return outcomes


def make_plan(*, stage, staff=1, members=1, executives=1, approvals=0):
    """A plan with one project, moved through the real services to `stage`."""
    world = make_world("race", "องค์การบริหารส่วนตำบลแข่งกัน")
    org, plan = world["org"], world["plan"]

    def users(prefix, role, count):
        return [make_user(f"{prefix}{i}", org, role) for i in range(count)]

    staff = users("staff", Role.PLANNING_STAFF, staff)
    members = users("member", Role.COMMITTEE_MEMBER, members)
    executives = users("executive", Role.EXECUTIVE, executives)
    project = add_project(world, title="ชื่อเดิม", amounts=("1000",))
    if stage != Stage.COLLECTING:
        services.plan_start_drafting(plan=plan, by=staff[0])
    if stage in (Stage.COMMITTEE_REVIEW, Stage.PROPOSED):
        services.plan_submit(plan=plan, by=staff[0])
        for member in members[:approvals]:
            services.plan_vote(plan=plan, by=member, approve=True)
    plan.refresh_from_db()
    assert plan.stage == stage
    return world, plan, project, staff, members, executives


def transitions(plan, action):
    return AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.TRANSITION, action=action)


def test_it_lets_one_of_several_executives_announce(monkeypatch):
    _, plan, _, _, _, executives = make_plan(
        stage=Stage.PROPOSED, members=1, approvals=1, executives=4
    )
    widen(monkeypatch, services, "roles_in")

    def announce(by):
        return lambda: notices.plan_announce(
            plan=plan,
            by=by,
            announced_on=timezone.localdate(),  # not before the approval: today
            signer_name="นายสมชาย ใจดี",
            signer_title="นายกองค์การบริหารส่วนตำบล",
        )

    outcomes = race(*(announce(e) for e in executives))

    assert sorted(outcomes) == ["WrongStage"] * 3 + ["ok"]
    assert Announcement.objects.filter(plan=plan).count() == 1
    winner = executives[outcomes.index("ok")]
    assert Announcement.objects.get(plan=plan).by == winner
    assert AuditEvent.objects.filter(plan=plan, action=Action.ANNOUNCE).count() == 1
    plan.refresh_from_db()
    assert plan.stage == Stage.ANNOUNCED


def test_it_promotes_once_when_the_last_two_votes_arrive_together(monkeypatch):
    # Three members, so a majority of two; one has approved. Whichever of the other two gets
    # the lock first reaches the quorum and moves the plan to "proposed"; the other then
    # finds the plan no longer under review, so its vote is refused (WrongStage), not added.
    _, plan, _, _, members, _ = make_plan(stage=Stage.COMMITTEE_REVIEW, members=3, approvals=1)
    widen(monkeypatch, services, "roles_in")
    widen(monkeypatch, services, "committee_quorum")

    outcomes = race(
        *(lambda m=m: services.plan_vote(plan=plan, by=m, approve=True) for m in members[1:])
    )

    assert sorted(outcomes) == ["WrongStage", "ok"]
    submission = Submission.objects.get(plan=plan)
    assert submission.votes.count() == 2
    promotions = transitions(plan, Action.APPROVE)
    assert promotions.count() == 1
    assert promotions.get().to_stage == Stage.PROPOSED
    # Only the first member's approval was a plain vote; the winner's is the transition.
    assert AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.VOTE).count() == 1
    plan.refresh_from_db()
    assert plan.stage == Stage.PROPOSED


@pytest.mark.parametrize("first", ["approve", "return"])
def test_it_never_both_returns_and_promotes_one_submission(monkeypatch, first):
    # One approval already; the next approval reaches the quorum, so approve and return both
    # want to move the plan out of review. Whichever is first wins; the other is refused.
    _, plan, _, _, members, _ = make_plan(stage=Stage.COMMITTEE_REVIEW, members=3, approvals=1)
    widen(monkeypatch, services, "roles_in")

    outcomes = race(
        lambda: services.plan_vote(plan=plan, by=members[1], approve=True),
        lambda: services.plan_vote(plan=plan, by=members[2], approve=False, comment="แก้งบ"),
        first=0 if first == "approve" else 1,
    )

    assert sorted(outcomes) == ["WrongStage", "ok"]
    plan.refresh_from_db()
    promoted = transitions(plan, Action.APPROVE)
    returned = transitions(plan, Action.COMMITTEE_RETURN)
    assert promoted.count() + returned.count() == 1
    assert Submission.objects.get(plan=plan).votes.count() == 2
    if outcomes[0] == "ok":
        assert plan.stage == Stage.PROPOSED
        assert promoted.get().actor == members[1]
    else:
        assert plan.stage == Stage.DRAFTING
        assert returned.get().actor == members[2]


def test_it_records_one_submission_when_several_staff_submit(monkeypatch):
    _, plan, _, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=4)
    widen(monkeypatch, services, "plan_snapshot")

    outcomes = race(*(lambda s=s: services.plan_submit(plan=plan, by=s) for s in staff))

    assert sorted(outcomes) == ["WrongStage"] * 3 + ["ok"]
    submission = Submission.objects.get(plan=plan)
    assert submission.number == 1
    assert submission.submitted_by == staff[outcomes.index("ok")]
    assert transitions(plan, Action.SUBMIT).count() == 1
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW


def test_it_records_one_vote_for_a_double_click(monkeypatch):
    # Three members, quorum two: the first click leaves the plan under review, so the
    # repeated clicks are refused as "already voted" (WorkflowError), not by the database.
    _, plan, _, _, members, _ = make_plan(stage=Stage.COMMITTEE_REVIEW, members=3)
    widen(monkeypatch, services, "roles_in")
    member = members[0]

    outcomes = race(
        *(lambda: services.plan_vote(plan=plan, by=member, approve=True) for _ in range(4))
    )

    assert sorted(outcomes) == ["WorkflowError"] * 3 + ["ok"]
    assert Vote.objects.filter(submission__plan=plan, member=member).count() == 1
    assert AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.VOTE).count() == 1
    plan.refresh_from_db()
    assert plan.stage == Stage.COMMITTEE_REVIEW


def edit_forms(world, plan, project, title):
    """What one browser tab posts: the project opened at version 1, renamed to `title`."""
    line = project.budget_lines.get()
    data = valid_post(
        world,
        title=title,
        version=1,
        **{"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": line.pk},
    )
    instance = Project.objects.get(pk=project.pk)  # each request loads its own copy
    form = ProjectForm(data, instance=instance, plan=plan)
    lines = BudgetLineFormSet(data, instance=instance, prefix="lines")
    assert form.is_valid(), form.errors
    assert lines.is_valid(), lines.errors
    return form, lines


def save(form, lines, by):
    return lambda: project_services.project_save(
        form=form, lines=lines, by=by, expected_version=form.cleaned_data["version"]
    )


def test_it_keeps_one_of_several_concurrent_edits(monkeypatch):
    world, plan, project, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=4)
    titles = [f"ชื่อใหม่จากเจ้าหน้าที่ {i}" for i in range(len(staff))]
    edits = [edit_forms(world, plan, project, title) for title in titles]
    # _state runs after the version check and before the write: without the plan lock every
    # save would read version 1, pass the check during the sleep, and overwrite the others.
    widen(monkeypatch, project_services, "_state")

    outcomes = race(
        *(save(form, lines, by) for (form, lines), by in zip(edits, staff, strict=True))
    )

    assert sorted(outcomes) == ["EditConflict"] * 3 + ["ok"]
    project.refresh_from_db()
    assert project.version == 2
    assert project.title == titles[outcomes.index("ok")]
    updates = AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.PROJECT_UPDATED)
    assert updates.count() == 1
    assert updates.get().actor == staff[outcomes.index("ok")]


@pytest.mark.parametrize("first", ["save", "submit"])
def test_it_never_saves_a_change_missing_from_the_submission(monkeypatch, first):
    world, plan, project, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=2)
    form, lines = edit_forms(world, plan, project, "ชื่อที่แก้ระหว่างเสนอ")
    # Both sleeps are inside the lock: without it the save would pass the "editable" check
    # while the submission is taking its snapshot (or the snapshot would miss a save not yet
    # committed), and the committee would be shown a plan that is not the one stored.
    widen(monkeypatch, project_services, "_state")
    widen(monkeypatch, services, "roles_in")

    saved, submitted = race(
        save(form, lines, staff[0]),
        lambda: services.plan_submit(plan=plan, by=staff[1]),
        first=0 if first == "save" else 1,
    )

    assert submitted == "ok"
    assert saved in ("ok", "PlanLocked")
    project.refresh_from_db()
    content = Submission.objects.get(plan=plan).content
    # The invariant: what the committee was sent is exactly what is stored.
    assert content == plan_snapshot(plan)
    if saved == "ok":
        assert project.title == "ชื่อที่แก้ระหว่างเสนอ" == content["projects"][str(project.pk)]["title"]
        assert project.version == 2
    else:
        assert project.title == "ชื่อเดิม" == content["projects"][str(project.pk)]["title"]
        assert project.version == 1
        assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PROJECT_UPDATED).exists()


def test_it_deletes_once_when_two_staff_delete_together(monkeypatch):
    _, plan, project, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=2)
    # _state reads the project for the audit record while the plan lock is held.
    widen(monkeypatch, project_services, "_state")

    def delete(by):
        victim = Project.objects.get(pk=project.pk)  # each loaded it before the race
        return lambda: project_services.project_delete(project=victim, by=by, expected_version=1)

    outcomes = race(*(delete(by) for by in staff))

    assert sorted(outcomes) == ["ProjectWriteError", "ok"]
    assert not Project.objects.filter(pk=project.pk).exists()
    deleted = AuditEvent.objects.filter(plan=plan, kind=AuditEvent.Kind.PROJECT_DELETED)
    assert deleted.count() == 1


def test_it_records_one_office_posting_when_two_staff_record_it_together(monkeypatch, settings):
    _, plan, _, staff, _, executives = make_plan(stage=Stage.PROPOSED, staff=2, approvals=1)
    today = timezone.localdate()
    notices.plan_announce(
        plan=plan, by=executives[0], announced_on=today, signer_name="นายก", signer_title="นายก"
    )
    # _touch runs after the duplicate check and before the insert: without the lock both
    # would find no office posting, both store their photo, and the second insert would hit
    # the unique constraint (an IntegrityError on PostgreSQL, a 500 for the user).
    widen(monkeypatch, notices, "_touch")

    def record(by):
        copy = OperationsPlan.objects.get(pk=plan.pk)  # each request loads its own copy
        photo = ContentFile(b"\xff\xd8 a re-encoded photo", name="evidence.jpg")
        return lambda: notices.posting_record(
            plan=copy, by=by, place=Posting.Place.OFFICE, posted_on=today, photo=photo
        )

    outcomes = race(*(record(by) for by in staff))

    assert sorted(outcomes) == ["PostingError", "ok"]
    office = Posting.objects.get(plan=plan, place=Posting.Place.OFFICE)
    assert office.recorded_by == staff[outcomes.index("ok")]
    stored = [p for p in (settings.MEDIA_ROOT / "postings").rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [office.photo.name.rsplit("/", 1)[-1]]
