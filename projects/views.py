"""Staff pages of plan content: the list of plans, a new plan, and entering a project with its
budget lines. The plan's own page, with where it stands in the workflow, is workflow.views."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects import services
from projects.access import (
    administered_organizations,
    can_edit,
    editable_organizations,
    get_plan_for_user,
    get_project_for_user,
    visible_plans,
)
from projects.forms import BudgetLineFormSet, PlanForm, ProjectForm
from projects.models import Project, attach_totals
from projects.progress import progress_of

PLANS_PER_PAGE = 50


def plan_list(request):
    # Paged: a superuser sees every plan of the country. Totals for the page's plans only.
    page = Paginator(visible_plans(request.user), PLANS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "plans": attach_totals(list(page.object_list)),
        "page": page,
        "can_create": editable_organizations(request.user).exists(),
        "can_manage": request.user.is_superuser
        or administered_organizations(request.user).exists(),
    }
    return render(request, "projects/plan_list.html", context)


@require_http_methods(["GET", "POST"])
def plan_create(request):
    organizations = editable_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่วางแผนเท่านั้นที่สร้างแผนได้"))
    form = PlanForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(**form.cleaned_data, by=request.user)
        except services.ProjectWriteError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("สร้าง%(title)s แล้ว") % {"title": plan.title})
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    return render(request, "projects/plan_form.html", {"form": form})


def project_detail(request, project_id):
    project = get_project_for_user(request.user, project_id)
    lines = list(project.budget_lines.all())
    context = {
        "project": project,
        "plan": project.plan,
        "lines": lines,
        "project_total": sum((line.amount for line in lines), Decimal("0")),
        "can_edit": can_edit(request.user, project.plan.organization_id)
        and project.plan.is_editable,
        # After the announcement the project is followed on its progress page.
        "progress": progress_of(project) if project.plan.is_announced else None,
    }
    return render(request, "projects/project_detail.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    return _edit_project(request, plan, Project(plan=plan), _("บันทึกโครงการใหม่แล้ว"))


@require_http_methods(["GET", "POST"])
def project_update(request, project_id):
    project = get_project_for_user(request.user, project_id, edit=True)
    return _edit_project(request, project.plan, project, _("บันทึกการแก้ไขแล้ว"))


def _edit_project(request, plan, project, saved_message):
    if not plan.is_editable and request.method == "GET":
        messages.error(request, services.locked_message(plan))
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and "add_line" in data:
        return _with_another_line(request, plan, project, data)
    form = ProjectForm(data, instance=project, plan=plan)
    lines = BudgetLineFormSet(data, instance=project, prefix="lines")
    if request.method == "POST":
        # Validate both before writing either: the project and its lines are saved together
        # or not at all.
        form_ok = form.is_valid()
        lines_ok = lines.is_valid()
        if not plan.is_editable:
            # Submitted while this person was typing: show their input with the reason, so
            # nothing typed is lost (they can copy it into a note for the next round).
            messages.error(request, services.locked_message(plan))
        elif form_ok and lines_ok:
            try:
                project = services.project_save(
                    form=form,
                    lines=lines,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except services.EditConflict as conflict:
                # Keep what was typed; a second save, after checking, overwrites on purpose.
                data["version"] = conflict.current_version
                form = ProjectForm(data, instance=project, plan=plan)
                lines = BudgetLineFormSet(data, instance=project, prefix="lines")
                messages.error(request, conflict.message)
            except services.ProjectWriteError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, saved_message)
                return redirect("projects:project_detail", project_id=project.pk)
        else:
            messages.error(request, _("ยังบันทึกไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    context = {"plan": plan, "project": project, "form": form, "lines": lines}
    return render(request, "projects/project_form.html", context)


def _with_another_line(request, plan, project, data):
    """Without JavaScript, "add a line" posts the form: show it back as typed, with one more
    empty budget line, saving nothing and (since nothing was meant to be checked yet)
    showing no errors."""
    try:
        total = int(data.get("lines-TOTAL_FORMS", ""))
    except ValueError:
        total = 0
    data["lines-TOTAL_FORMS"] = str(min(max(total, 0) + 1, BudgetLineFormSet.absolute_max))
    form = ProjectForm(data, instance=project, plan=plan)
    lines = BudgetLineFormSet(data, instance=project, prefix="lines")
    form._errors = ErrorDict()
    lines._errors, lines._non_form_errors = [], lines.error_class()
    for line in lines.forms:
        line._errors = ErrorDict()
    context = {"plan": plan, "project": project, "form": form, "lines": lines}
    return render(request, "projects/project_form.html", context)


@require_http_methods(["GET", "POST"])
def project_delete(request, project_id):
    project = get_project_for_user(request.user, project_id, edit=True)
    if not project.plan.is_editable:
        messages.error(request, services.locked_message(project.plan))
        return redirect("workflow:plan_detail", plan_id=project.plan_id)
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            services.project_delete(project=project, by=request.user, expected_version=version)
        except services.EditConflict as conflict:
            messages.error(request, conflict.message)
            return redirect("projects:project_detail", project_id=project.pk)
        except services.ProjectWriteError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("ลบโครงการ “%(title)s” แล้ว") % {"title": project.title})
        return redirect("workflow:plan_detail", plan_id=project.plan_id)
    return render(request, "projects/project_confirm_delete.html", {"project": project})
