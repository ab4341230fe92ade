"""An import racing a form edit of the same project, on real concurrent connections: the
plan's row lock serialises them, one wins and the other is refused (see
tests/test_workflow_races.py for the method: threads at a barrier, a sleep inside the lock)."""

import pytest

from projects import bulk
from projects import services as project_services
from projects.imports.reader import read_workbook
from projects.imports.rows import build_preview
from projects.models import AuditEvent, Project, Stage
from tests.support import xlsx
from tests.test_import_reading import HEADINGS, good_row
from tests.test_workflow_races import edit_forms, make_plan, race, save, widen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("first", [0, 1])
def test_it_lets_an_import_or_a_form_edit_win_never_both(monkeypatch, first):
    world, plan, project, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=2)
    form, lines = edit_forms(world, plan, project, "ชื่อจากแบบฟอร์ม")
    content = xlsx([["รหัสโครงการ", *HEADINGS], [project.pk, *good_row()]])
    preview = build_preview(plan, read_workbook(content))
    assert preview.versions == {project.pk: 1}
    # moved_on reads the versions under the lock, in both writes: without the lock both would
    # read version 1 during the sleep and the second write would silently undo the first.
    widen(monkeypatch, project_services, "moved_on")

    def run_import():
        bulk.projects_import(
            plan=plan,
            changes=preview.changes,
            versions=preview.versions,
            by=staff[1],
            file_name="plan.xlsx",
            rows=1,
        )

    outcomes = race(save(form, lines, staff[0]), run_import, first=first)

    project.refresh_from_db()
    assert project.version == 2
    if first == 0:
        assert outcomes == ["ok", "ImportConflict"]
        assert project.title == "ชื่อจากแบบฟอร์ม"
        assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PROJECTS_IMPORTED).exists()
    else:
        assert outcomes == ["EditConflict", "ok"]
        assert project.title == "โครงการก่อสร้างถนนคอนกรีต สายที่ 1"
        assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PROJECT_UPDATED).exists()
    assert Project.objects.filter(plan=plan).count() == 1
