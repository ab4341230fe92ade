"""Staff pages of progress in bulk: the plan's progress file, and its import (upload →
preview → confirm). The reading is projects/imports/progress_rows.py's, the writes
projects/progress_import.py's. Editors, for every project, and a department's staff, for
their department's projects only (projects/access.py progress_scope); announced plans only.

The uploaded file waits in a PendingImport like a project import's; its ``versions`` hold
{"progress": {project id: [record version, total paid]}}, which tells the two kinds apart
(a project import waits only on a plan in drafting, a progress import only on an announced
one) and is what the confirmation checks against.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from projects.access import get_plan_for_user, progress_refusal, progress_scope
from projects.bulk_views import XLSX, ImportForm
from projects.imports.progress_rows import preview_of
from projects.imports.progress_template import progress_xlsx
from projects.imports.reader import MAX_BYTES, MAX_ROWS, ImportFileError
from projects.models import PendingImport
from projects.progress import ProgressError
from projects.progress_import import ProgressImportConflict, progress_import

PROGRESS = "progress"


def _plan_and_scope(request, plan_id):
    """The plan, for someone who may record some of its projects' progress (403 otherwise),
    and which projects they may."""
    plan = get_plan_for_user(request.user, plan_id)
    scope = progress_scope(request.user, plan.organization_id)
    if not scope.any:
        raise PermissionDenied(progress_refusal())
    return plan, scope


def _announced_plan(request, plan_id):
    """The plan for someone who may record progress, or None (with the reason shown) when
    it is not announced."""
    plan, _scope = _plan_and_scope(request, plan_id)
    if plan.is_announced:
        return plan
    messages.error(request, "นำเข้าผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น")
    return None


def _plan_page(plan_id) -> str:
    """The plan's progress page when it exists, the plan's page otherwise."""
    try:
        return reverse("projects:plan_progress", args=[plan_id])
    except NoReverseMatch:
        return reverse("workflow:plan_detail", args=[plan_id])


def _waiting(preview) -> dict:
    return {PROGRESS: {str(k): v for k, v in preview.seen.items()}}


@require_GET
def progress_template(request, plan_id):
    plan = _announced_plan(request, plan_id)
    if plan is None:
        return redirect("workflow:plan_detail", plan_id=plan_id)
    limit = progress_scope(request.user, plan.organization_id).limit
    response = HttpResponse(progress_xlsx(plan, limit), content_type=XLSX)
    name = plan.file_name("xlsx", suffix="progress" if limit is None else "progress-department")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def progress_import_upload(request, plan_id):
    plan = _announced_plan(request, plan_id)
    if plan is None:
        return redirect("workflow:plan_detail", plan_id=plan_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            preview = preview_of(
                plan, content, progress_scope(request.user, plan.organization_id).limit
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            # One file waits per person and plan: a new upload replaces the last one.
            PendingImport.objects.filter(plan=plan, by=request.user).delete()
            pending = PendingImport.objects.create(
                plan=plan,
                by=request.user,
                file_name=upload.name[-255:],
                content=content,
                versions=_waiting(preview),
            )
            return redirect(
                "projects:progress_import_preview", plan_id=plan.pk, import_id=pending.pk
            )
    context = {
        "plan": plan,
        "form": form,
        "max_rows": f"{MAX_ROWS:,}",
        "max_mb": MAX_BYTES >> 20,
        "back": _plan_page(plan.pk),
        "scope": progress_scope(request.user, plan.organization_id),
    }
    return render(
        request, "projects/progress_import_upload.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def progress_import_preview(request, plan_id, import_id):
    plan, scope = _plan_and_scope(request, plan_id)
    pending = get_object_or_404(PendingImport, pk=import_id, plan=plan, by=request.user)
    if PROGRESS not in pending.versions:
        raise Http404  # a project import's file, not this page's
    if _announced_plan(request, plan_id) is None:
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    # Read again with today's roles: a department taken away since the upload is not kept.
    preview = preview_of(plan, bytes(pending.content), scope.limit)
    if request.method == "POST":
        if preview.has_errors:
            messages.error(request, "ยังนำเข้าไม่ได้ กรุณาแก้ไขไฟล์ตามข้อผิดพลาดด้านล่าง แล้วอัปโหลดใหม่")
        elif not preview.changes:
            pending.delete()
            messages.info(request, "ไฟล์นี้ตรงกับผลการดำเนินงานที่บันทึกไว้ทุกแถว ไม่มีการเปลี่ยนแปลง")
            return redirect(_plan_page(plan.pk))
        else:
            seen = {int(k): v for k, v in pending.versions[PROGRESS].items()}
            try:
                counts = progress_import(
                    plan=plan,
                    changes=preview.changes,
                    seen=seen,
                    by=request.user,
                    file_name=pending.file_name,
                    rows=len(preview.rows),
                )
            except ProgressImportConflict as conflict:
                # The file stays; the preview below is today's, and a second confirmation
                # imports it over the other person's update on purpose.
                pending.versions = _waiting(preview)
                pending.save(update_fields=["versions"])
                messages.error(request, conflict.message)
            except ProgressError as error:
                messages.error(request, error.message)
            else:
                pending.delete()
                messages.success(
                    request,
                    f"นำเข้าแล้ว: บันทึกผลการดำเนินงาน {counts['updated']} โครงการ "
                    f"เพิ่มรายการเบิกจ่าย {counts['payments']} รายการ",
                )
                return redirect(_plan_page(plan.pk))
    counts = {a: preview.count(a) for a in ("change", "unchanged", "error")}
    context = {
        "plan": plan,
        "pending": pending,
        "preview": preview,
        "counts": counts,
        # Changes and errors first; the rows that change nothing folded away below them.
        "shown": [r for r in preview.rows if r.action != "unchanged"],
        "unchanged": [r for r in preview.rows if r.action == "unchanged"],
        "back": _plan_page(plan.pk),
    }
    return render(request, "projects/progress_import_preview.html", context)
