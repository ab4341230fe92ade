"""Staff pages of an announced plan's execution: each project's record, and the plan's table.

Everyone of the organization reads them; editors (planning staff, the organization's
administrator, a superuser) get the forms and may write, and so do the staff of a project's
own department for that project (projects/access.py progress_scope); another organization
gets 404. Every write goes through projects/progress.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from projects import behind, progress
from projects.access import (
    get_plan_for_user,
    get_project_for_user,
    progress_refusal,
    progress_scope,
    visible_plans,
)
from projects.figures import BASES, share
from projects.models import (
    AuditEvent,
    Disbursement,
    ProgressPhoto,
    ProgressStatus,
    ProjectProgress,
)
from projects.progress_forms import (
    DisbursementForm,
    DisbursementRemoveForm,
    ProgressForm,
    ProgressPhotoForm,
)
from projects.progress_table import filter_rows, planned_by, progress_rows, table_cells

# The kinds of event that make a project's progress history.
HISTORY_KINDS = (
    AuditEvent.Kind.PROGRESS_UPDATED,
    AuditEvent.Kind.DISBURSEMENT_ADDED,
    AuditEvent.Kind.DISBURSEMENT_REMOVED,
    AuditEvent.Kind.PROGRESS_PHOTO,
    AuditEvent.Kind.PROGRESS_IMPORTED,
)
# The latest events shown; the plan's history page keeps them all.
HISTORY_SHOWN = 100


def not_announced_message():
    return _("ติดตามผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น")


def _project(request, project_id, *, edit=False):
    """The project of an announced plan the user may see (404 otherwise; 403 for a write by
    someone who may not record this project's progress)."""
    project = get_project_for_user(request.user, project_id)
    if edit and not progress_scope(request.user, project.plan.organization_id).covers(project):
        raise PermissionDenied(progress_refusal())
    if not project.plan.is_announced:
        raise Http404(not_announced_message())
    return project


@require_safe
def project_progress(request, project_id):
    project = get_project_for_user(request.user, project_id)
    if not project.plan.is_announced:
        messages.error(request, not_announced_message())
        return redirect("projects:project_detail", project_id=project.pk)
    return _render(request, project)


def _render(request, project, *, form=None, payment_form=None, photo_form=None, status=200):
    """The page; a refused form is passed in to be shown again as it was typed."""
    record = ProjectProgress.objects.select_related("updated_by").filter(
        project=project
    ).first() or ProjectProgress(project=project)
    payments = list(project.disbursements.select_related("recorded_by"))
    planned = planned_by([project.pk]).get(project.pk) or 0
    disbursed = sum((p.amount for p in payments), 0)
    editor = progress_scope(request.user, project.plan.organization_id).covers(project)
    today = timezone.localdate()
    context = {
        "project": project,
        "plan": project.plan,
        "record": record,
        "payments": payments,
        "planned": planned,
        "disbursed": disbursed,
        "remaining": planned - disbursed,
        "disbursed_share": share(disbursed, planned),
        "committed_share": share(record.contract_amount or 0, planned),
        "budget_base": BASES["budget"],
        "photos": list(project.progress_photos.select_related("recorded_by")),
        "events": list(
            AuditEvent.objects.filter(
                plan_id=project.plan_id, project=project, kind__in=HISTORY_KINDS
            )
            .select_related("actor")
            .order_by("-at", "-id")[:HISTORY_SHOWN]
        ),
        "reasons": behind.behind_reasons(
            months=project.months,
            fiscal_year=project.plan.fiscal_year,
            status=record.status,
            planned=planned,
            disbursed=disbursed,
            today=today,
        ),
        "behind_points": behind.BEHIND_POINTS,
        "can_edit": editor,
    }
    if editor:
        context |= {
            "form": form or ProgressForm(project=project, record=record),
            "payment_form": payment_form or DisbursementForm(),
            "photo_form": photo_form or ProgressPhotoForm(),
            "remove_form": DisbursementRemoveForm(),
        }
    return render(request, "projects/progress.html", context, status=status)


@require_POST
def progress_update(request, project_id):
    project = _project(request, project_id, edit=True)
    data = request.POST.copy()
    form = ProgressForm(data, project=project, record=progress.progress_of(project))
    if not form.is_valid():
        messages.error(request, _("ยังบันทึกไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
        return _render(request, project, form=form)
    try:
        progress.progress_update(
            project=project,
            by=request.user,
            values=form.values(),
            expected_version=form.cleaned_data["version"],
        )
    except progress.ProgressConflict as conflict:
        # Keep what was typed; saving again, after checking, overwrites on purpose.
        data["version"] = conflict.current_version or ""
        form = ProgressForm(data, project=project, record=progress.progress_of(project))
        messages.error(request, conflict.message)
        return _render(request, project, form=form)
    except progress.ProgressError as error:
        messages.error(request, error.message)
        return _render(request, project, form=form)
    messages.success(request, _("บันทึกผลการดำเนินงานแล้ว"))
    return redirect("projects:progress", project_id=project.pk)


@require_POST
def disbursement_add(request, project_id):
    project = _project(request, project_id, edit=True)
    form = DisbursementForm(request.POST)
    if form.is_valid():
        try:
            progress.disbursement_add(project=project, by=request.user, **form.cleaned_data)
        except progress.ProgressError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("บันทึกการเบิกจ่ายแล้ว"))
            return redirect("projects:progress", project_id=project.pk)
    messages.error(request, _("ยังบันทึกการเบิกจ่ายไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render(request, project, payment_form=form)


@require_POST
def disbursement_remove(request, payment_id):
    payment = get_object_or_404(
        Disbursement.objects.select_related("project"),
        pk=payment_id,
        project__plan__in=visible_plans(request.user).values("pk"),
    )
    project = _project(request, payment.project_id, edit=True)
    form = DisbursementRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
    else:
        try:
            progress.disbursement_remove(
                payment=payment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except progress.ProgressError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("ลบรายการเบิกจ่ายแล้ว"))
    return redirect("projects:progress", project_id=project.pk)


@require_POST
def progress_photo_add(request, project_id):
    project = _project(request, project_id, edit=True)
    form = ProgressPhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            progress.photo_add(
                project=project,
                by=request.user,
                photo=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        except progress.ProgressError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("เพิ่มภาพถ่ายแล้ว"))
            return redirect("projects:progress", project_id=project.pk)
    messages.error(request, _("ยังเพิ่มภาพถ่ายไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render(request, project, photo_form=form)


@require_safe
def progress_photo(request, photo_id):
    """An evidence photo, for the plan's organization only: photos are not under MEDIA_URL,
    where anyone with the address could fetch them."""
    record = get_object_or_404(
        ProgressPhoto, pk=photo_id, project__plan__in=visible_plans(request.user).values("pk")
    )
    try:
        photo = record.photo.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(photo)
    response["Cache-Control"] = "private"
    return response


@require_safe
def plan_progress(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    if not plan.is_announced:
        messages.error(request, not_announced_message())
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    today = timezone.localdate()
    everything = progress_rows(plan, today)
    scope = progress_scope(request.user, plan.organization_id)
    # A department's staff open on their own projects; the whole plan is a click away.
    mine_only = scope.limit is not None and request.GET.get("all") != "1"
    if mine_only:
        everything = [row for row in everything if scope.covers(row.project)]
    status = request.GET.get("status", "")
    behind_only = request.GET.get("behind") == "1"
    rows = table_cells(filter_rows(everything, status=status, behind_only=behind_only))
    context = {
        "plan": plan,
        "rows": rows,
        "count": len(everything),
        "behind_count": sum(1 for row in everything if row.is_behind),
        "total": _totals(rows),
        "statuses": ProgressStatus.choices,
        "status": status if status in ProgressStatus.values else "",
        "behind_only": behind_only,
        "elapsed": behind.elapsed_share(plan.fiscal_year, today),
        "behind_points": behind.BEHIND_POINTS,
        "budget_base": str(BASES["budget"]),
        "today": today,
        "scope": scope,
        "mine_only": mine_only,
    }
    return render(request, "projects/plan_progress.html", context)


def _totals(rows) -> dict:
    planned = sum((row.planned for row in rows), 0)
    disbursed = sum((row.disbursed for row in rows), 0)
    return {
        "planned": planned,
        "committed": sum((row.committed or 0 for row in rows), 0),
        "disbursed": disbursed,
        "disbursed_share": share(disbursed, planned),
    }
