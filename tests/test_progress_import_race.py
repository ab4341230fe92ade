"""A progress import racing an update of the same project's record, on real concurrent
connections: the plan's row lock serialises them, one wins and the other is refused (the
method of tests/test_workflow_races.py: threads at a barrier, a sleep inside the lock)."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from projects import progress, progress_import
from projects.imports.progress_rows import preview_of
from projects.imports.progress_template import progress_xlsx
from projects.models import AuditEvent, ProgressStatus, ProjectProgress, Stage
from tests.test_workflow_races import make_plan, race, widen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("first", [0, 1])
def test_it_lets_an_import_or_a_page_update_win_never_both(monkeypatch, first):
    _world, plan, project, staff, _, _ = make_plan(stage=Stage.DRAFTING, staff=2)
    plan.stage = Stage.ANNOUNCED  # only the stage matters to the progress services
    plan.save()
    book = load_workbook(BytesIO(progress_xlsx(plan)))
    sheet = book.active
    columns = {cell.value: n for n, cell in enumerate(sheet[2], 1)}
    sheet.cell(3, columns["ความก้าวหน้า (ร้อยละ)"]).value = 70
    out = BytesIO()
    book.save(out)
    preview = preview_of(plan, out.getvalue())
    assert preview.seen == {project.pk: [0, "0.00"]}
    # Both writes check what they read under the lock; without it, both would read "no
    # record yet" during the sleep and the second would silently overwrite the first.
    widen(monkeypatch, progress_import, "moved_on")
    widen(monkeypatch, progress, "progress_apply")

    def run_import():
        progress_import.progress_import(
            plan=plan,
            changes=preview.changes,
            seen=preview.seen,
            by=staff[1],
            file_name="progress.xlsx",
            rows=1,
        )

    def run_update():
        progress.progress_update(
            project=project,
            by=staff[0],
            values={"status": ProgressStatus.IN_PROGRESS, "percent_done": Decimal("30")},
            expected_version=None,
        )

    outcomes = race(run_update, run_import, first=first)

    record = ProjectProgress.objects.get(project=project)
    assert record.version == 1
    imported = AuditEvent.objects.filter(kind=AuditEvent.Kind.PROGRESS_IMPORTED)
    if first == 0:
        assert outcomes == ["ok", "ProgressImportConflict"]
        assert (record.status, record.percent_done) == ("in_progress", Decimal("30.00"))
        assert not imported.exists()
    else:
        assert outcomes == ["ProgressConflict", "ok"]
        assert (record.status, record.percent_done) == ("not_started", Decimal("70.00"))
        assert imported.count() == 1
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PROGRESS_UPDATED).count() == 1
