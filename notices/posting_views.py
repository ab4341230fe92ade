"""Staff pages of a notice, the plan's own or a round's report's (notices/notice.py): the
issued document, where it is posted, and what is due; the dashboard of every notice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from notices import drafts, reports, services
from notices.models import PlanDocument, Posting, ReportDocument
from notices.notice import Notice, announced_notices
from notices.posting_forms import PostingCorrectionForm, PostingForm, TakeDownForm
from notices.status import notice_rows, notice_status
from notices.views import pdf_response, pending, private_pdf
from projects import queue
from projects.access import can_edit, get_plan_for_user, get_round_for_user, visible_plans


def _document(notice: Notice):
    if notice.is_report:
        return ReportDocument.objects.filter(round=notice.round).defer("content").first()
    return PlanDocument.objects.filter(plan=notice.plan).defer("content").first()


@require_safe
def notice_page(request, plan_id):
    plan = get_plan_for_user(request.user, plan_id)
    return _render_notice(request, Notice(plan))


@require_safe
def report_notice(request, round_id):
    """The notice of a round's report: the same page, postings and rules machinery as the
    plan's, under the rule set's monitoring report rule."""
    return _render_notice(request, _round_notice(request.user, round_id))


def _round_notice(user, round_id, *, edit: bool = False) -> Notice:
    round = get_round_for_user(user, round_id)
    if edit and not can_edit(user, round.plan.organization_id):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่วิเคราะห์นโยบายและแผนเท่านั้นที่บันทึกการปิดประกาศได้"))
    return Notice(round.plan, round)


def _render_notice(request, notice: Notice, *, form=None, early=None, correction=None):
    """The notice page; a refused form is passed in to be shown again as it was typed.

    early: (posting, take-down form) awaiting confirmation; correction: (posting, form).
    """
    plan = notice.plan
    context = {
        "plan": plan,
        "notice": notice,
        "document": _document(notice),
        "workers_running": queue.workers_running(),
        "can_edit": can_edit(request.user, plan.organization_id),
        "rule": notice.rule,
        "early": early,
    }
    if notice.is_announced:
        postings = list(notice.postings().select_related("village", "recorded_by"))
        status = notice_status(notice, postings, timezone.localdate())
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
    return _posting_create(request, Notice(plan))


@require_POST
def report_posting_create(request, round_id):
    return _posting_create(request, _round_notice(request.user, round_id, edit=True))


def _posting_create(request, notice: Notice):
    form = PostingForm(request.POST, request.FILES, plan=notice.plan)
    if form.is_valid():
        try:
            services.posting_record(
                plan=notice.plan, round=notice.round, by=request.user, **form.cleaned_data
            )
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("บันทึกการปิดประกาศแล้ว"))
            return redirect(notice.url)
    messages.error(request, _("ยังบันทึกไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render_notice(request, notice, form=form)


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
    notice = Notice.of(posting)
    form = _take_down_form(posting, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(notice.url)
    try:
        services.posting_take_down(posting=posting, by=request.user, **form.cleaned_data)
    except services.EarlyTakeDown as warning:
        # Nothing saved yet: the page asks to confirm, or to keep the notice up.
        messages.warning(request, warning.message)
        return _render_notice(request, notice, early=(posting, form))
    except services.PostingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("บันทึกการปลดประกาศที่ %(place)s แล้ว") % {"place": posting.label})
    return redirect(notice.url)


@require_POST
def posting_correct(request, posting_id):
    posting = _get_posting_for_user(request.user, posting_id, edit=True)
    notice = Notice.of(posting)
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
            return redirect(notice.url)
    messages.error(request, _("ยังแก้ไขไม่ได้ กรุณาแก้ไขรายการที่มีข้อความสีแดง"))
    return _render_notice(request, notice, correction=(posting, form))


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
    return _issued_pdf(request, Notice(get_plan_for_user(request.user, plan_id)))


@require_safe
def report_pdf(request, round_id):
    """The issued report of a round, exactly the bytes stored after its announcement."""
    return _issued_pdf(request, _round_notice(request.user, round_id))


def _issued_pdf(request, notice: Notice):
    document = _document(notice)
    if document is None or not document.is_ready:
        context = {
            "plan": notice.plan,
            "notice": notice,
            "document": document,
            "workers_running": queue.workers_running(),
        }
        response = render(request, "notices/document_pending.html", context, status=202)
        response["Refresh"] = "5"
        return response
    content = type(document).objects.values_list("content", flat=True).get(pk=document.pk)
    return pdf_response(bytes(content), document.sha256, notice.file_name("pdf"))


@require_safe
def certificate_pdf(request, plan_id):
    return _certificate(request, Notice(get_plan_for_user(request.user, plan_id)))


@require_safe
def report_certificate_pdf(request, round_id):
    return _certificate(request, _round_notice(request.user, round_id))


def _certificate(request, notice: Notice):
    if not notice.is_announced:
        messages.error(request, notice.not_announced)
        return redirect(notice.url)
    content = drafts.draft_request(notice.round or notice.plan, kind=drafts.CERTIFICATE)
    if content is None:
        context = {
            "plan": notice.plan,
            "notice": notice,
            "workers_running": queue.workers_running(),
            "certificate": True,
        }
        return pending(request, "notices/draft_pending.html", context, refresh=2)
    return private_pdf(content, notice.file_name("pdf", suffix="posting-certificate"))


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


@require_POST
def report_retry(request, round_id):
    notice = _round_notice(request.user, round_id, edit=True)
    try:
        reports.report_retry(notice.round, request.user)
    except services.PostingError as error:
        messages.error(request, error.message)
    else:
        messages.info(request, _("เริ่มจัดทำรายงานอีกครั้งแล้ว"))
    return redirect(notice.url)


@require_safe
def report_draft_pdf(request, round_id):
    """The report of a closed round not yet announced, marked ร่าง on every page: rendered
    by a task worker on request and kept while unchanged (notices.drafts), as a plan's draft."""
    notice = _round_notice(request.user, round_id)
    round = notice.round
    if not round.is_closed or round.is_announced:
        messages.error(
            request,
            _("ฉบับร่างของรายงานมีเฉพาะรอบที่ปิดแล้วและยังไม่ได้ประกาศ")
            if not round.is_closed
            else _("รายงานของรอบนี้ประกาศแล้ว ดาวน์โหลดฉบับที่ประกาศได้จากหน้าการปิดประกาศ"),
        )
        return redirect(notice.url)
    thai_digits = request.GET.get("digits") == "thai"
    pdf = drafts.draft_request(round, kind=drafts.REPORT, thai_digits=thai_digits)
    if pdf is None:
        context = {
            "plan": notice.plan,
            "notice": notice,
            "workers_running": queue.workers_running(),
        }
        return pending(request, "notices/draft_pending.html", context, refresh=2)
    return private_pdf(pdf, notice.file_name("pdf", suffix="draft"))


@require_safe
def dashboard(request):
    """Announced notices (plans' and rounds' reports) that need something, soonest first."""
    today = timezone.localdate()
    rows = []
    for notice, postings in announced_notices(visible_plans(request.user)):
        status = notice_status(notice, postings, today)
        if status.needs_attention:
            # The row is the plan or the round; its notice gives the page's address and title.
            subject = notice.round or notice.plan
            subject.notice = notice
            rows.append((subject, status))
    rows.sort(key=lambda row: (not row[1].problems, row[1].next_date or today))
    return render(request, "notices/dashboard.html", {"rows": rows, "today": today})
