"""Workflow pages: the plan's page with its step buttons (POST only), the plan's history, what
changed between submissions, and each person's 'waiting for me' list."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from projects.access import get_plan_for_user, visible_plans
from projects.forms import PlanFilterForm
from projects.models import EDITOR_ROLES, Action, BudgetLine, Membership, Project, Role, Stage
from projects.tables import plan_tables
from workflow import services
from workflow.forms import CommentForm, ExtendDeadlineForm
from workflow.models import Submission
from workflow.snapshots import diff_snapshots
from workflow.status import plan_status

DONE = {
    Action.START_DRAFTING: "เริ่มจัดทำร่างแล้ว",
    Action.SUBMIT: "เสนอร่างต่อคณะกรรมการพัฒนาแล้ว",
    Action.APPROVE: "บันทึกมติเห็นชอบแล้ว",
    Action.COMMITTEE_RETURN: "ส่งร่างกลับให้แก้ไขแล้ว",
    Action.EXECUTIVE_RETURN: "ส่งร่างกลับให้แก้ไขแล้ว",
    Action.ANNOUNCE: "ลงนามประกาศใช้แผนแล้ว",
    Action.EXTEND_DEADLINE: "ขยายกำหนดเวลาแล้ว",
}


def _comment_step(call):
    return CommentForm, lambda plan, by, data: call(plan=plan, by=by, **data)


# Each step this app handles: the form it validates, and the service it calls with the form's
# data. Announcing is not here: it issues the notice too, so notices.views composes it.
STEPS = {
    Action.START_DRAFTING: (
        CommentForm,
        lambda plan, by, data: services.plan_start_drafting(plan=plan, by=by),
    ),
    Action.SUBMIT: _comment_step(services.plan_submit),
    Action.APPROVE: _comment_step(functools.partial(services.plan_vote, approve=True)),
    Action.COMMITTEE_RETURN: _comment_step(functools.partial(services.plan_vote, approve=False)),
    Action.EXECUTIVE_RETURN: _comment_step(services.plan_executive_return),
    Action.EXTEND_DEADLINE: (
        ExtendDeadlineForm,
        lambda plan, by, data: services.plan_extend_deadline(plan=plan, by=by, **data),
    ),
}


def run_step(request, plan_id, action: Action, form_class, call):
    """Validate the step's form, call its service, say what happened, back to the plan page.

    The one way every step button is answered, here and in notices.views (announcing).
    """
    plan = get_plan_for_user(request.user, plan_id)
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"ยังทำรายการไม่ได้: {errors}")
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    try:
        call(plan, request.user, form.cleaned_data)
    except services.NotAllowed as error:
        raise PermissionDenied(error.message) from None
    except services.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DONE[action])
    return redirect("workflow:plan_detail", plan_id=plan.pk)


@require_POST
def plan_action(request, plan_id, action):
    # The URL admits only the actions in STEPS (see workflow/urls.py).
    action = Action(action)
    form_class, call = STEPS[action]
    return run_step(request, plan_id, action, form_class, call)


def plan_detail(request, plan_id):
    """The plan's page: where it stands and what each person may do, over its projects."""
    plan = get_plan_for_user(request.user, plan_id)
    all_projects = Project.objects.filter(plan=plan)
    filters = PlanFilterForm(request.GET or None, plan=plan)
    shown = list(filters.filter(all_projects).with_details())
    for project in shown:
        project.url = reverse("projects:project_detail", args=[project.pk])
    status = plan_status(plan, request.user)
    context = {
        "plan": plan,
        "filters": filters,
        "tables": plan_tables(shown),
        "plan_total": BudgetLine.objects.filter(project__plan=plan).aggregate(
            s=Coalesce(Sum("amount"), Value(0), output_field=DecimalField())
        )["s"],
        "plan_count": all_projects.count(),
        "can_edit": plan.is_editable
        and (request.user.is_superuser or bool(status.roles & EDITOR_ROLES)),
        "status": status,
    }
    return render(request, "workflow/plan_detail.html", context)


def plan_history(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    events = plan.events.select_related("actor")
    return render(request, "workflow/history.html", {"plan": plan, "events": events})


def plan_changes(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    submissions = list(plan.submissions.select_related("submitted_by"))
    if not submissions:
        return render(request, "workflow/changes.html", {"plan": plan, "submissions": []})
    number = request.GET.get("number", "")
    # int(), not str.isdigit(): "²" is a digit to isdigit() and not a number to the database.
    try:
        number = int(number) if number else None
    except ValueError:
        raise Http404 from None
    current = (
        get_object_or_404(Submission, plan=plan, number=number)
        if number is not None
        else submissions[-1]
    )
    previous = next((s for s in submissions if s.number == current.number - 1), None)
    context = {
        "plan": plan,
        "submissions": submissions,
        "current": current,
        "previous": previous,
        "diff": diff_snapshots(previous.content if previous else None, current.content),
    }
    return render(request, "workflow/changes.html", context)


def waiting(request):
    """What each of my roles is waiting on, soonest deadline first."""
    memberships = Membership.objects.filter(user=request.user)
    roles_by_org: dict[int, set[str]] = {}
    for m in memberships:
        roles_by_org.setdefault(m.organization_id, set()).add(m.role)
    items = []
    plans = visible_plans(request.user).exclude(stage=Stage.ANNOUNCED)
    for plan in plans:
        roles = roles_by_org.get(plan.organization_id, set())
        status = plan_status(plan, request.user)
        reason = _waiting_reason(plan, roles, status)
        if reason:
            items.append((plan, reason, status))
    items.sort(key=lambda item: (item[2].due.on is None, item[2].due.on or 0))
    return render(request, "workflow/waiting.html", {"items": items})


def _waiting_reason(plan, roles, status) -> str:
    if Role.PLANNING_STAFF in roles and plan.stage in (Stage.COLLECTING, Stage.DRAFTING):
        if status.last_return:
            return "ถูกส่งกลับให้แก้ไข: " + status.last_return.comment
        return "อยู่ระหว่างจัดทำ ต้องเสร็จภายในกำหนด"
    if (
        Role.COMMITTEE_MEMBER in roles
        and plan.stage == Stage.COMMITTEE_REVIEW
        and not status.my_vote
    ):
        return "รอมติของคุณ"
    if Role.EXECUTIVE in roles and plan.stage == Stage.PROPOSED:
        return "รอผู้บริหารลงนามประกาศ"
    return ""
