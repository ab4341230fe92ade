"""Staff pages of bulk entry: the Excel template, an import (upload → preview → confirm), and
a copy of projects from another plan. The writes are projects/bulk.py's."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from projects import bulk, services
from projects.access import get_plan_for_user, visible_plans
from projects.imports.reader import MAX_BYTES, MAX_ROWS, ImportFileError, read_workbook
from projects.imports.rows import build_preview
from projects.imports.template import template_xlsx
from projects.models import PendingImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ Excel (.xlsx)"),
        error_messages={
            "required": _("กรุณาเลือกไฟล์ Excel (.xlsx) ที่จะนำเข้า"),
            "empty": _("ไฟล์ที่เลือกว่างเปล่า กรุณาเลือกไฟล์ Excel (.xlsx) ที่มีข้อมูล"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB กรุณาแบ่งเป็นหลายไฟล์"
            )
        return upload


def _editable_plan(request, plan_id):
    """The plan for an editor, or None (with the reason shown) when it is past drafting."""
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    if plan.is_editable:
        return plan
    messages.error(request, services.locked_message(plan))
    return None


@require_GET
def import_template(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    filled = request.GET.get("filled") == "1"
    projects = None
    if filled:
        projects = list(plan.projects.with_details().prefetch_related("budget_lines"))
    response = HttpResponse(template_xlsx(plan, projects), content_type=XLSX)
    name = plan.file_name("xlsx", draft=True, suffix="projects" if filled else "import-template")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request, plan_id):
    plan = _editable_plan(request, plan_id)
    if plan is None:
        return redirect("workflow:plan_detail", plan_id=plan_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            preview = build_preview(plan, read_workbook(content))
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
                versions={str(k): v for k, v in preview.versions.items()},
            )
            return redirect("projects:import_preview", plan_id=plan.pk, import_id=pending.pk)
    context = {"plan": plan, "form": form, "max_rows": f"{MAX_ROWS:,}", "max_mb": MAX_BYTES >> 20}
    return render(
        request, "projects/import_upload.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def import_preview(request, plan_id, import_id):
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    pending = get_object_or_404(PendingImport, pk=import_id, plan=plan, by=request.user)
    if _editable_plan(request, plan_id) is None:
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    preview = build_preview(plan, read_workbook(bytes(pending.content)))
    if request.method == "POST":
        if preview.has_errors:
            messages.error(request, "ยังนำเข้าไม่ได้ กรุณาแก้ไขไฟล์ตามข้อผิดพลาดด้านล่าง แล้วอัปโหลดใหม่")
        elif not preview.changes:
            pending.delete()
            messages.info(request, "ไฟล์นี้ตรงกับโครงการในแผนทุกแถว ไม่มีการเปลี่ยนแปลง")
            return redirect("workflow:plan_detail", plan_id=plan.pk)
        else:
            try:
                counts = bulk.projects_import(
                    plan=plan,
                    changes=preview.changes,
                    versions=pending.seen_versions,
                    by=request.user,
                    file_name=pending.file_name,
                    rows=len(preview.rows),
                )
            except bulk.ImportConflict as conflict:
                # The file stays; the preview below is today's, and a second confirmation
                # imports it over the other person's edit on purpose.
                pending.versions = {str(k): v for k, v in preview.versions.items()}
                pending.save(update_fields=["versions"])
                messages.error(request, conflict.message)
            except services.ProjectWriteError as error:
                messages.error(request, error.message)
            else:
                pending.delete()
                messages.success(
                    request,
                    f"นำเข้าแล้ว: เพิ่ม {counts['created']} โครงการ แก้ไข {counts['updated']} โครงการ",
                )
                return redirect("workflow:plan_detail", plan_id=plan.pk)
    counts = {a: preview.count(a) for a in ("create", "update", "unchanged", "error")}
    context = {"plan": plan, "pending": pending, "preview": preview, "counts": counts}
    return render(request, "projects/import_preview.html", context)


def copy_sources(user, plan):
    """Earlier plans of the same organization: last years' and this year's earlier editions."""
    earlier = Q(fiscal_year__lt=plan.fiscal_year) | Q(
        fiscal_year=plan.fiscal_year, supplement_number__lt=plan.supplement_number
    )
    return visible_plans(user).filter(earlier, organization=plan.organization_id)


@require_http_methods(["GET", "POST"])
def plan_copy(request, plan_id):
    plan = _editable_plan(request, plan_id)
    if plan is None:
        return redirect("workflow:plan_detail", plan_id=plan_id)
    sources = list(copy_sources(request.user, plan))
    wanted = request.POST.get("source") or request.GET.get("source")
    source = next((s for s in sources if str(s.pk) == wanted), sources[0] if sources else None)
    candidates = bulk.copy_candidates(source, plan) if source else []
    if request.method == "POST" and source:
        chosen = {int(v) for v in request.POST.getlist("projects") if v.isdigit()}
        if not chosen:
            messages.error(request, "กรุณาเลือกอย่างน้อยหนึ่งโครงการที่จะคัดลอก")
        else:
            try:
                copied, left = bulk.projects_copy(
                    source=source, target=plan, project_ids=chosen, by=request.user
                )
            except services.ProjectWriteError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    f"คัดลอก {copied} โครงการจาก{source.title}แล้ว "
                    "กรุณาตรวจสอบจำนวนเงินและเดือนที่ดำเนินการของแต่ละโครงการ",
                )
                if left:
                    messages.warning(request, "คัดลอกไม่ได้ (จับคู่ยุทธศาสตร์ไม่ได้): " + ", ".join(left))
                return redirect("workflow:plan_detail", plan_id=plan.pk)
    context = {"plan": plan, "sources": sources, "source": source, "candidates": candidates}
    return render(request, "projects/plan_copy.html", context)
