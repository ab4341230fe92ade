"""Staff pages of the notice: the issued document, where it is posted, and what is due."""

import hashlib

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from notices import drafts, services
from notices.models import PlanDocument, Posting
from notices.posting_forms import PostingCorrectionForm, PostingForm, TakeDownForm
from notices.status import notice_rows, notice_status, posting_rule
from notices.views import pdf_response
from projects import queue
from projects.access import can_edit, get_plan_for_user, visible_plans
from projects.models import Stage


def _document(plan):
    return PlanDocument.objects.filter(plan=plan).defer("content").first()


@require_safe
def notice_page(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    return _render_notice(request, plan)


def _render_notice(request, plan, *, form=None, early=None, correction=None):
    """The notice page; a refused form is passed in to be shown again as it was typed.

    early: (posting, take-down form) awaiting confirmation; correction: (posting, form).
    """
    context = {
        "plan": plan,
        "document": _document(plan),
        "workers_running": queue.workers_running(),
        "can_edit": can_edit(request.user, plan.organization_id),
        "rule": posting_rule(plan.organization),
        "early": early,
    }
    if plan.stage == Stage.ANNOUNCED:
        postings = list(plan.postings.select_related("village", "recorded_by"))
        status = notice_status(plan, postings, timezone.localdate())
        if context["can_edit"]:
            for posting in postings:
                posting.take_down_form = _take_down_form(posting)
                posting.correction_form = PostingCorrectionForm.for_posting(posting)
                if early and early[0].pk == posting.pk:
                    posting.take_down_form = early[1]
                if correction and correction[0].pk == posting.pk:
                    posting.correction_form = correction[1]
        context |= {
            "status": status,
            "rows": notice_rows(status, postings),
            "form": form or PostingForm(plan=plan),
        }
    return render(request, "notices/notice_page.html", context)


@require_POST
def posting_create(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    form = PostingForm(request.POST, request.FILES, plan=plan)
    if form.is_valid():
        try:
            services.posting_record(plan=plan, by=request.user, **form.cleaned_data)
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("บันทึกการปิดประกาศแล้ว"))
            return redirect("notices:notice", plan_id=plan.pk)
    messages.error(request, _("ยังบันทึกไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render_notice(request, plan, form=form)


def _take_down_form(posting, data=None) -> TakeDownForm:
    # One per row of the postings table: the ids carry the posting.
    return TakeDownForm(data, auto_id=f"down-{posting.pk}-%s")


def _get_posting_for_user(user, posting_id, *, edit: bool = False) -> Posting:
    """The posting if its plan is one the user may see (404 otherwise), as get_plan_for_user."""
    posting = get_object_or_404(Posting, pk=posting_id, plan__in=visible_plans(user).values("pk"))
    if edit:
        get_plan_for_user(user, posting.plan_id, edit=True)
    return posting


@require_POST
def posting_take_down(request, posting_id):
    posting = _get_posting_for_user(request.user, posting_id, edit=True)
    form = _take_down_form(posting, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("notices:notice", plan_id=posting.plan_id)
    try:
        services.posting_take_down(posting=posting, by=request.user, **form.cleaned_data)
    except services.EarlyTakeDown as warning:
        # Nothing saved yet: the page asks to confirm, or to keep the notice up.
        messages.warning(request, warning.message)
        return _render_notice(request, posting.plan, early=(posting, form))
    except services.PostingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("บันทึกการปลดประกาศที่ %(place)s แล้ว") % {"place": posting.label})
    return redirect("notices:notice", plan_id=posting.plan_id)


@require_POST
def posting_correct(request, posting_id):
    posting = _get_posting_for_user(request.user, posting_id, edit=True)
    form = PostingCorrectionForm.for_posting(posting, request.POST)
    if form.is_valid():
        try:
            services.posting_correct(posting=posting, by=request.user, **form.cleaned_data)
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("แก้ไขบันทึกการปิดประกาศที่ %(place)s แล้ว") % {"place": posting.label}
            )
            return redirect("notices:notice", plan_id=posting.plan_id)
    messages.error(request, _("ยังแก้ไขไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render_notice(request, posting.plan, correction=(posting, form))


@require_safe
def posting_photo(request, posting_id):
    """An evidence photo, for the plan's organization only: photos are not under MEDIA_URL,
    where anyone with the address could fetch them."""
    posting = _get_posting_for_user(request.user, posting_id)
    if not posting.photo:
        raise Http404
    try:
        photo = posting.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(photo)
    response["Cache-Control"] = "private"
    return response


@require_safe
def document_pdf(request, plan_id):
    """The issued document, exactly the bytes stored at announcement."""
    plan = get_plan_for_user(request.user, plan_id)
    document = PlanDocument.objects.filter(plan=plan).first()
    if document is None or not document.is_ready:
        context = {"plan": plan, "document": document, "workers_running": queue.workers_running()}
        response = render(request, "notices/document_pending.html", context, status=202)
        response["Refresh"] = "5"
        return response
    return pdf_response(bytes(document.content), document.sha256, plan.file_name("pdf"))


@require_safe
def certificate_pdf(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    if plan.stage != Stage.ANNOUNCED:
        messages.error(request, _("แผนยังไม่ได้ประกาศ จึงยังไม่มีการปิดประกาศให้รับรอง"))
        return redirect("notices:notice", plan_id=plan.pk)
    content = drafts.draft_request(plan, kind=drafts.CERTIFICATE)
    if content is None:
        context = {"plan": plan, "workers_running": queue.workers_running(), "certificate": True}
        response = render(request, "notices/draft_pending.html", context, status=202)
        response["Refresh"] = "2"
        response["Cache-Control"] = "no-store"
        return response
    name = plan.file_name("pdf", suffix="posting-certificate")
    response = pdf_response(content, hashlib.sha256(content).hexdigest(), name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_retry(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id, edit=True)
    try:
        services.document_retry(plan=plan, by=request.user)
    except services.PostingError as error:
        messages.error(request, error.message)
    else:
        messages.info(request, _("เริ่มจัดทำเอกสารอีกครั้งแล้ว"))
    return redirect("notices:notice", plan_id=plan.pk)


@require_safe
def dashboard(request):
    """Announced plans whose notice needs something, soonest date first."""
    today = timezone.localdate()
    plans = (
        visible_plans(request.user)
        .filter(stage=Stage.ANNOUNCED)
        # organization__rules: each plan's posting rule comes with it, not a query a plan.
        .select_related("announcement", "organization__rules")
        .prefetch_related(Prefetch("postings", queryset=Posting.objects.select_related("village")))
    )
    rows = []
    for plan in plans:
        status = notice_status(plan, list(plan.postings.all()), today)
        if status.needs_attention:
            rows.append((plan, status))
    rows.sort(key=lambda row: (not row[1].problems, row[1].next_date or today))
    return render(request, "notices/dashboard.html", {"rows": rows, "today": today})
