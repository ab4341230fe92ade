"""Workflow pages: the step buttons (POST only), the plan's history, what changed between
submissions, and each person's 'waiting for me' list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from projects.access import get_plan_for_user, visible_plans
from workflow import services
from workflow.forms import AnnounceForm, CommentForm, ExtendDeadlineForm
from workflow.models import Membership, Role, Submission
from workflow.snapshots import diff_snapshots
from workflow.stages import Action, Stage
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


def _run(action, plan, user, post):
    """Validate the step's form and call its service; return the form if it is invalid."""
    if action == Action.ANNOUNCE:
        form = AnnounceForm(post)
        if form.is_valid():
            services.plan_announce(plan=plan, by=user, **form.cleaned_data)
        return form
    if action == Action.EXTEND_DEADLINE:
        form = ExtendDeadlineForm(post)
        if form.is_valid():
            services.plan_extend_deadline(plan=plan, by=user, **form.cleaned_data)
        return form
    form = CommentForm(post)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        if action == Action.START_DRAFTING:
            services.plan_start_drafting(plan=plan, by=user)
        elif action == Action.SUBMIT:
            services.plan_submit(plan=plan, by=user, comment=comment)
        elif action in (Action.APPROVE, Action.COMMITTEE_RETURN):
            approve = action == Action.APPROVE
            services.plan_vote(plan=plan, by=user, approve=approve, comment=comment)
        elif action == Action.EXECUTIVE_RETURN:
            services.plan_executive_return(plan=plan, by=user, comment=comment)
    return form


@require_POST
def plan_action(request, plan_id, action):
    plan = get_plan_for_user(request.user, plan_id)
    try:
        action = Action(action)
    except ValueError:
        raise Http404 from None
    try:
        form = _run(action, plan, request.user, request.POST)
    except services.NotAllowed as error:
        raise PermissionDenied(error.message) from None
    except services.WorkflowError as error:
        messages.error(request, error.message)
    else:
        if form.is_valid():
            messages.success(request, DONE[action])
        else:
            errors = "; ".join(e for field in form.errors.values() for e in field)
            messages.error(request, f"ยังทำรายการไม่ได้: {errors}")
    return redirect("projects:plan_detail", plan_id=plan.pk)


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
    if number and not number.isdigit():
        raise Http404
    current = get_object_or_404(Submission, plan=plan, number=number) if number else submissions[-1]
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
