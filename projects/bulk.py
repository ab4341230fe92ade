"""Writes of many projects at once: an import from a spreadsheet, a copy from another plan.

They go through the editing service's own guards (projects/services.py): the plan's row lock
and stage check, the version check of every project they change, and the audit trail, with
one event for the whole batch and its counts. Rows are written in bulk, so the number of
queries does not grow with the rows (beyond the database's batch size).
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from projects import services
from projects.imports.data import Catalog, ProjectData, snapshot
from projects.models import AuditEvent, BudgetLine, OperationsPlan, Project

BATCH = 200


class ImportConflict(services.ProjectWriteError):
    pass


def projects_import(
    *,
    plan: OperationsPlan,
    changes: list[ProjectData],
    versions: dict[int, int],
    by,
    file_name: str,
    rows: int,
) -> dict[str, int]:
    """Create and update ``changes`` together, or nothing; refused if any project to update
    moved on from the version the preview showed."""
    with transaction.atomic():
        services.lock_editable_plan(plan.pk)
        updated = {d.project_id: versions.get(d.project_id) for d in changes if d.project_id}
        moved = services.moved_on(updated)
        if moved:
            raise ImportConflict(
                f"มีผู้อื่นแก้ไขหรือลบโครงการในไฟล์นี้ {len(moved)} โครงการ หลังจากที่คุณดูตัวอย่าง "
                "จึงยังไม่ได้นำเข้า ไฟล์ยังเก็บไว้ กรุณาตรวจดูตัวอย่างอีกครั้ง แล้วกดยืนยันหากยังต้องการ"
            )
        counts = _write(plan, changes)
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.PROJECTS_IMPORTED,
            actor=by,
            comment=file_name,
            changes={
                "rows": ["", str(rows)],
                "created": ["", str(counts["created"])],
                "updated": ["", str(counts["updated"])],
                "unchanged": ["", str(rows - counts["created"] - counts["updated"])],
            },
        )
    return counts


def _write(plan: OperationsPlan, changes: list[ProjectData]) -> dict[str, int]:
    now = timezone.now()
    creates = [d for d in changes if d.project_id is None]
    updates = {d.project_id: d for d in changes if d.project_id is not None}
    made = Project.objects.bulk_create(
        [Project(plan=plan, **d.fields) for d in creates], batch_size=BATCH
    )
    projects = list(Project.objects.filter(pk__in=updates))
    # bulk_update costs per field and row (a CASE per field): write only the fields that
    # changed, grouped by which ones, and bump every version in one UPDATE.
    by_fields: dict[tuple[str, ...], list[Project]] = defaultdict(list)
    for project in projects:
        changed = []
        for name, value in updates[project.pk].fields.items():
            if getattr(project, name) != value:
                setattr(project, name, value)
                changed.append(name)
        if changed:
            by_fields[tuple(changed)].append(project)
    for names, group in by_fields.items():
        Project.objects.bulk_update(group, names, batch_size=BATCH)
    Project.objects.filter(pk__in=updates).update(version=F("version") + 1, updated_at=now)
    # An updated project's villages and lines are replaced by the file's.
    through = Project.villages.through
    through.objects.filter(project_id__in=updates).delete()
    BudgetLine.objects.filter(project_id__in=updates).delete()
    pairs = [(p.pk, d) for p, d in zip(made, creates, strict=True)] + list(updates.items())
    through.objects.bulk_create(
        [through(project_id=pk, village_id=v) for pk, d in pairs for v in d.village_ids],
        batch_size=BATCH * 5,
    )
    BudgetLine.objects.bulk_create(
        [BudgetLine(project_id=pk, **line) for pk, d in pairs for line in d.lines],
        batch_size=BATCH * 5,
    )
    return {"created": len(made), "updated": len(projects)}


def copy_candidates(source: OperationsPlan, target: OperationsPlan):
    """Each project of ``source`` as it would be copied into ``target`` (strategy and guideline
    matched by number in the target's development plan), or the reason it cannot be."""
    catalog = Catalog(target)
    guidelines = {(g.strategy_id, g.number): g for g in catalog.guidelines}
    rows = []
    projects = source.projects.select_related("strategy", "guideline").prefetch_related(
        "villages", "budget_lines"
    )
    for project in projects.order_by("strategy__number", "program__code", "id"):
        data = snapshot(project)
        data.project_id = None
        strategy = catalog.strategies.get(project.strategy.number)
        guideline = guidelines.get((strategy.pk, project.guideline.number)) if strategy else None
        reason = ""
        if strategy is None:
            reason = f"ไม่มียุทธศาสตร์ที่ {project.strategy.number} ในแผนพัฒนาท้องถิ่นของแผนนี้"
        elif guideline is None:
            reason = (
                f"ไม่มีแนวทางการพัฒนาที่ {strategy.number}.{project.guideline.number} "
                "ในแผนพัฒนาท้องถิ่นของแผนนี้"
            )
        else:
            data.fields.update(strategy_id=strategy.pk, guideline_id=guideline.pk)
        rows.append((project, data, reason))
    return rows


def projects_copy(
    *, source: OperationsPlan, target: OperationsPlan, project_ids: set[int], by
) -> tuple[int, list[str]]:
    """Copy the chosen projects that can be matched; return the count and the titles left."""
    with transaction.atomic():
        services.lock_editable_plan(target.pk)
        chosen = [
            (p, d, reason)
            for p, d, reason in copy_candidates(source, target)
            if p.pk in project_ids
        ]
        left = [p.title for p, _d, reason in chosen if reason]
        counts = _write(target, [d for _p, d, reason in chosen if not reason])
        if counts["created"]:
            AuditEvent.objects.create(
                plan=target,
                kind=AuditEvent.Kind.PROJECTS_COPIED,
                actor=by,
                comment=source.title,
                changes={
                    "copied_from": ["", source.title],
                    "created": ["", str(counts["created"])],
                },
            )
    return counts["created"], left
