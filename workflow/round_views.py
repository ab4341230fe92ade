"""Monitoring pages: a plan's rounds (and opening one), a round's page with its step buttons
(POST only), its snapshot and history.

Every step button is answered by run_round_step, here and in notices/report_views.py (the
announcement, which issues the report's document too): a refusal shows the round page again
with what was typed and the Thai reason; a step the person's role may not take is a 403.
"""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from projects.access import get_plan_for_user, get_round_for_user, roles_in
from projects.figures import BASES, round_figures
from projects.models import Action, Role, RoundKind, RuleSet, Stage
from workflow import rounds
from workflow.forms import CommentForm
from workflow.round_forms import (
    ReportAnnounceForm,
    ReportEditForm,
    ReportPresentForm,
    RoundOpenForm,
)
from workflow.round_status import REPORT_EDIT, round_status
from workflow.rules import report_deadline, report_overdue
from workflow.services import NotAllowed, WorkflowError

DONE = {
    Action.ROUND_CLOSE: gettext_lazy("ปิดรอบการติดตามและบันทึกข้อมูล ณ วันปิดรอบแล้ว"),
    REPORT_EDIT: gettext_lazy("บันทึกปัญหาอุปสรรคและข้อเสนอแนะแล้ว"),
    Action.REPORT_SUBMIT: gettext_lazy("เสนอรายงานต่อคณะกรรมการติดตามฯ แล้ว"),
    Action.REPORT_APPROVE: gettext_lazy("บันทึกมติเห็นชอบแล้ว"),
    Action.REPORT_RETURN: gettext_lazy("ส่งรายงานกลับให้แก้ไขแล้ว"),
    Action.REPORT_EXEC_RETURN: gettext_lazy("ส่งรายงานกลับให้แก้ไขแล้ว"),
    Action.REPORT_PRESENT: gettext_lazy("บันทึกวันที่เสนอรายงานต่อสภาท้องถิ่นแล้ว"),
    Action.REPORT_ANNOUNCE: gettext_lazy("ลงนามประกาศรายงานผลการติดตามแล้ว"),
}


def _comment_step(call):
    return CommentForm, lambda round, by, data: call(round=round, by=by, **data)


# Each step this app answers: its form, and the service called with the form's data.
STEPS = {
    Action.ROUND_CLOSE.value: (
        CommentForm,
        lambda round, by, data: rounds.round_close(round=round, by=by),
    ),
    REPORT_EDIT: (
        ReportEditForm,
        lambda round, by, data: rounds.report_edit(round=round, by=by, **data),
    ),
    Action.REPORT_SUBMIT.value: _comment_step(rounds.report_submit),
    Action.REPORT_APPROVE.value: _comment_step(functools.partial(rounds.report_vote, approve=True)),
    Action.REPORT_RETURN.value: _comment_step(functools.partial(rounds.report_vote, approve=False)),
    Action.REPORT_EXEC_RETURN.value: _comment_step(rounds.report_executive_return),
    Action.REPORT_PRESENT.value: (
        ReportPresentForm,
        lambda round, by, data: rounds.report_present(round=round, by=by, **data),
    ),
}


def round_step_form(key: str, round, data=None):
    """A step's form, bound to what was posted, or empty (the report's words and the
    organization's signer and the recorded day of the council filled in); ids carry the
    key, as several forms share the page."""
    if key == Action.REPORT_ANNOUNCE:
        org = round.plan.organization
        initial = {"signer_name": org.executive_name, "signer_title": org.executive_title}
        return ReportAnnounceForm(
            data, initial=initial, presented_on=round.presented_on, auto_id="%s"
        )
    if key == Action.REPORT_PRESENT:
        initial = {"presented_on": round.presented_on}
        return ReportPresentForm(data, initial=initial, auto_id=f"%s-{key}")
    if key == REPORT_EDIT:
        initial = {"findings": round.findings, "recommendations": round.recommendations}
        return ReportEditForm(data, initial=initial, auto_id=f"%s-{key}")
    return STEPS[key][0](data, auto_id=f"%s-{key}")


def run_round_step(request, round_id, key: str, call):
    round = get_round_for_user(request.user, round_id)
    form = round_step_form(key, round, data=request.POST)
    if form.is_valid():
        try:
            call(round, request.user, form.cleaned_data)
        except NotAllowed as error:
            raise PermissionDenied(error.message) from None
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, DONE[key])
            return redirect("workflow:round_detail", round_id=round.pk)
    round.refresh_from_db()
    errors = "; ".join(e for field in form.errors.values() for e in field)
    messages.error(request, _("ยังทำรายการไม่ได้: %(errors)s") % {"errors": errors})
    return render(
        request, "workflow/round_detail.html", _round_context(request, round, (key, form))
    )


@require_POST
def round_action(request, round_id, action):
    # The URL admits only the keys of STEPS (see workflow/urls.py).
    return run_round_step(request, round_id, action, STEPS[action][1])


def round_detail(request, round_id):
    round = get_round_for_user(request.user, round_id)
    return render(request, "workflow/round_detail.html", _round_context(request, round))


def _round_context(request, round, posted: tuple | None = None) -> dict:
    status = round_status(round, request.user)
    forms = {step.key: round_step_form(step.key, round) for step in status.actions}
    if posted is not None:
        # The refused form, with what was typed, in place of its empty one.
        key, form = posted
        forms[key] = form
    events = round.events.select_related("actor").order_by("-at", "-id")
    return {
        "round": round,
        "plan": round.plan,
        "status": status,
        "steps": [(step, forms[step.key]) for step in status.actions],
        "figures": round_figures(round) if round.is_closed else None,
        "bases": BASES,
        "events": events,
        "announcement": getattr(round, "announcement", None) if round.is_announced else None,
    }


@require_http_methods(["GET", "POST"])
def plan_rounds(request, plan_id):
    """The plan's rounds, and the form with which planning staff open the next one."""
    plan = get_plan_for_user(request.user, plan_id)
    form = RoundOpenForm(request.POST or None, plan=plan, auto_id="%s")
    if request.method == "POST" and form.is_valid():
        try:
            round = rounds.round_open(plan=plan, by=request.user, kind=form.cleaned_data["kind"])
        except NotAllowed as error:
            raise PermissionDenied(error.message) from None
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("เปิด “%(kind)s” แล้ว") % {"kind": RoundKind(round.kind).label},
            )
            return redirect("workflow:round_detail", round_id=round.pk)
    return render(request, "workflow/plan_rounds.html", _rounds_context(request, plan, form))


def _rounds_context(request, plan, form) -> dict:
    rules = RuleSet.for_organization(plan.organization)
    today = timezone.localdate()
    rows = []
    for round in plan.rounds.select_related("opened_by", "closed_by").order_by("period_end", "id"):
        due = report_deadline(round, rules)
        rows.append((round, due, report_overdue(round, today, due.on)))
    can_open = (
        plan.stage == Stage.ANNOUNCED
        and Role.PLANNING_STAFF in roles_in(request.user, plan.organization_id)
        and bool(form.fields["kind"].choices)
    )
    return {"plan": plan, "rows": rows, "rules": rules, "form": form, "can_open": can_open}
