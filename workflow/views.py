"""Workflow pages: the plan's page with its step buttons (POST only), the plan's history, what
changed between submissions, and each person's 'waiting for me' list."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects.access import get_plan_for_user, predecessors, visible_plans
from projects.forms import PlanFilterForm
from projects.models import (
    EDITOR_ROLES,
    Action,
    BudgetLine,
    Membership,
    MonitoringRound,
    Project,
    Role,
    RoundStage,
    Stage,
)
from projects.tables import plan_tables
from workflow import services
from workflow.forms import AnnounceForm, CommentForm, ExtendDeadlineForm
from workflow.models import Submission
from workflow.round_status import rounds_waiting
from workflow.snapshots import diff_snapshots
from workflow.status import plan_status

DONE = {
    Action.START_DRAFTING: gettext_lazy("เริ่มจัดทำร่างแล้ว"),
    Action.SUBMIT: gettext_lazy("เสนอร่างต่อคณะกรรมการพัฒนาแล้ว"),
    Action.APPROVE: gettext_lazy("บันทึกมติเห็นชอบแล้ว"),
    Action.COMMITTEE_RETURN: gettext_lazy("ส่งร่างกลับให้แก้ไขแล้ว"),
    Action.EXECUTIVE_RETURN: gettext_lazy("ส่งร่างกลับให้แก้ไขแล้ว"),
    Action.ANNOUNCE: gettext_lazy("ลงนามประกาศใช้แผนแล้ว"),
    Action.EXTEND_DEADLINE: gettext_lazy("ขยายกำหนดเวลาแล้ว"),
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


def run_step(request, plan_id, action: Action, call):
    """Validate the step's form, call its service, say what happened, back to the plan page.

    The one way every step button is answered, here and in notices.views (announcing). A
    refusal shows the plan page again with the form as typed and the reason beside it.
    """
    plan = get_plan_for_user(request.user, plan_id)
    form = step_form(action, plan, data=request.POST)
    if form.is_valid():
        try:
            call(plan, request.user, form.cleaned_data)
        except services.NotAllowed as error:
            raise PermissionDenied(error.message) from None
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, DONE[action])
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    plan.refresh_from_db()
    errors = "; ".join(e for field in form.errors.values() for e in field)
    messages.error(request, _("ยังทำรายการไม่ได้: %(errors)s") % {"errors": errors})
    return render(
        request, "workflow/plan_detail.html", _plan_context(request, plan, (action, form))
    )


def step_form(action: Action, plan, data=None):
    """The form of a step button, bound to what was posted or with the organization's
    signer filled in; ids carry the action, as two comment boxes share one page."""
    if action == Action.ANNOUNCE:
        org = plan.organization
        initial = {"signer_name": org.executive_name, "signer_title": org.executive_title}
        return AnnounceForm(data, initial=initial, auto_id="%s")
    if action == Action.EXTEND_DEADLINE:
        return ExtendDeadlineForm(data, auto_id="%s")
    return STEPS[action][0](data, auto_id=f"%s-{action}")


@require_POST
def plan_action(request, plan_id, action):
    # The URL admits only the actions in STEPS (see workflow/urls.py).
    action = Action(action)
    return run_step(request, plan_id, action, STEPS[action][1])


def plan_detail(request, plan_id):
    """The plan's page: where it stands and what each person may do, over its projects."""
    plan = get_plan_for_user(request.user, plan_id)
    return render(request, "workflow/plan_detail.html", _plan_context(request, plan))


def _plan_context(request, plan, posted: tuple | None = None) -> dict:
    all_projects = Project.objects.filter(plan=plan)
    filters = PlanFilterForm(request.GET or None, plan=plan)
    shown = list(filters.filter(all_projects).with_details())
    for project in shown:
        project.url = reverse("projects:project_detail", args=[project.pk])
    status = plan_status(plan, request.user)
    forms = {step.action: step_form(step.action, plan) for step in status.actions}
    if status.can_extend:
        forms[Action.EXTEND_DEADLINE] = step_form(Action.EXTEND_DEADLINE, plan)
    if posted is not None:
        # The refused form, with what was typed, in place of its empty one.
        action, form = posted
        forms[action] = form
    return {
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
        "steps": [(step, forms[step.action]) for step in status.actions],
        "extend_form": forms.get(Action.EXTEND_DEADLINE),
    }


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
    rounds = rounds_waiting(request.user, roles_by_org, timezone.localdate())
    context = {"items": items, "rounds": rounds, "records": _records_waiting(memberships)}
    return render(request, "workflow/waiting.html", context)


def _records_waiting(memberships) -> list:
    """For a department's staff: each open round of their organization's plans, with the
    number of their department's projects in it (a renamed department's old row included),
    whose progress they are to record; the same queries however many rounds and projects."""
    staff_of = [m for m in memberships if m.role == Role.DEPARTMENT_STAFF]
    if not staff_of:
        return []
    departments = {m.department_id for m in staff_of}
    for organization_id in {m.organization_id for m in staff_of}:
        departments |= predecessors(organization_id, departments)
    open_rounds = list(
        MonitoringRound.objects.filter(
            stage=RoundStage.OPEN, plan__projects__department_id__in=departments
        )
        .annotate(mine=Count("plan__projects", distinct=True))
        .select_related("plan__organization")
        .order_by("period_end", "id")
    )
    return open_rounds


def _waiting_reason(plan, roles, status) -> str:
    if Role.PLANNING_STAFF in roles and plan.stage in (Stage.COLLECTING, Stage.DRAFTING):
        if status.last_return:
            return _("ถูกส่งกลับให้แก้ไข: %(comment)s") % {"comment": status.last_return.comment}
        return _("อยู่ระหว่างจัดทำ ต้องเสร็จภายในกำหนด")
    if (
        Role.COMMITTEE_MEMBER in roles
        and plan.stage == Stage.COMMITTEE_REVIEW
        and not status.my_vote
    ):
        return _("รอมติของคุณ")
    if Role.EXECUTIVE in roles and plan.stage == Stage.PROPOSED:
        return _("รอผู้บริหารลงนามประกาศ")
    return ""
