"""Announcing a plan with its notice, issuing the announced document, and recording postings.

plan_announce composes the workflow's step with what the public is told: the document row is
created in the announcement's own transaction, so an announced plan always has exactly one,
and its render is queued in that same transaction: a task worker renders it after the
commit, never the web process, and an announcement rolled back leaves no task behind. The
render claims the row first: two workers, two clicks or a retry never render the same plan
twice, and a ready document is never rendered again.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from notices import issue, tasks
from notices.models import PlanDocument, Posting
from notices.notice import Notice
from notices.pdf import AnnouncementText, render_plan_pdf
from notices.posting import keep_until
from projects import queue
from projects.errors import DomainError
from projects.links import absolute_url
from projects.models import AuditEvent, OperationsPlan
from projects.public_state import organization_changed
from projects.thai import thai_date
from workflow import services as workflow
from workflow.models import Announcement

log = logging.getLogger(__name__)


def public_url(plan) -> str:
    """The stable address of the plan's public page, printed as a QR code on the notice."""
    return absolute_url("public:plan", **plan.public_kwargs())


def plan_announce(
    *, plan: OperationsPlan, by, announced_on, signer_name: str, signer_title: str
) -> Announcement:
    """The executive's announcement: the stage moves, the plan owes its one document
    (rendered after commit), and its public page goes live with this commit, which is the
    website posting. All of it or none of it."""
    return workflow.plan_announce(
        plan=plan,
        by=by,
        announced_on=announced_on,
        signer_name=signer_name,
        signer_title=signer_title,
        issue=_issue_notice,
    )


def _issue_notice(plan: OperationsPlan, by) -> None:
    document_request(plan=plan)
    posting_record_website(plan=plan, by=by)
    # The organization's public pages, kept briefly without a query, list the new plan.
    slug = plan.organization.slug
    transaction.on_commit(lambda: organization_changed(slug))


def document_request(*, plan) -> PlanDocument:
    """Called inside the announcement's transaction: the plan now owes one document."""
    document = PlanDocument.objects.create(plan=plan)
    queue.enqueue(tasks.document_render, plan.pk)
    return document


def document_requeue(*, plan: OperationsPlan) -> None:
    """Queue the document's render again (the recovery sweep); a no-op once it is ready."""
    queue.enqueue(tasks.document_render, plan.pk)


def document_retry(*, plan: OperationsPlan, by) -> None:
    """Render the announced document again after a failure, on a person's request: queued,
    and recorded in the plan's history. A ready document is never rendered again."""
    if not issue.render_again(
        PlanDocument.objects.filter(plan=plan),
        by=by,
        kind=AuditEvent.Kind.DOCUMENT_RETRIED,
        requeue=lambda: document_requeue(plan=plan),
        plan=plan,
    ):
        raise PostingError(_("เอกสารของแผนนี้จัดทำเสร็จแล้ว ไม่ต้องจัดทำอีกครั้ง"))


def _claim(plan_id: int, task_id: str) -> bool:
    """The plan document's claim (notices.issue.claim)."""
    return issue.claim(PlanDocument.objects.filter(plan_id=plan_id), task_id)


def document_render(*, plan_id: int, task_id: str = "") -> PlanDocument | None:
    """On a task worker: render and store the announced document, unless it is ready or
    another task is rendering it."""

    def render(document: PlanDocument) -> bytes:
        plan = document.plan
        announcement = plan.announcement
        return render_plan_pdf(
            plan,
            draft=False,
            announcement=AnnouncementText(
                announced_on=announcement.announced_on,
                signer_name=announcement.signer_name,
                signer_title=announcement.signer_title,
            ),
            public_url=public_url(plan),
        )

    documents = PlanDocument.objects.filter(plan_id=plan_id).select_related(
        "plan__organization", "plan__period", "plan__announcement"
    )
    document = issue.render_stored(documents, task_id=task_id, render=render)
    if document is not None:
        organization_changed(document.plan.organization.slug)  # the plan page links the PDF
    return document


def posting_record_website(*, plan, by) -> Posting:
    """The public page goes live with the announcement: that is the website posting."""
    return Posting.objects.create(
        plan=plan,
        place=Posting.Place.WEBSITE,
        place_detail=public_url(plan),
        posted_on=timezone.localdate(),
        recorded_by=by,
        note="บันทึกอัตโนมัติเมื่อหน้าเว็บสาธารณะของแผนเผยแพร่",
    )


class PostingError(DomainError):
    pass


ALREADY_POSTED = gettext_lazy("บันทึกการปิดประกาศที่สถานที่นี้ไว้แล้ว")


def _announced_on(notice: Notice):
    if not notice.is_announced:
        raise PostingError(notice.not_announced)
    return notice.announced_on


def posting_record(
    *,
    plan=None,
    round=None,
    by,
    place,
    village=None,
    place_detail="",
    posted_on,
    photo=None,
    note="",
) -> Posting:
    """Record where a notice was posted: the plan's own (``plan``) or a round's report's
    (``round``). One place once (village boards once each, "other" places any number)."""
    notice = Notice.of(round if round is not None else plan)
    posting = Posting(
        **notice.owner_kwargs(),
        place=place,
        village=village,
        place_detail=place_detail,
        posted_on=posted_on,
        photo=photo or "",
        note=note,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            # The notice's row lock (its plan's, or its round's) serialises two staff (or a
            # double click) recording the same place: the second sees the first's row below
            # and is refused before its photo is stored. The stage is read again under the
            # lock, not from the caller's copy.
            notice = notice.locked()
            announced_on = _announced_on(notice)
            if posted_on < announced_on:
                raise PostingError(_("วันที่ปิดประกาศต้องไม่ก่อนวันที่ประกาศ"))
            if posted_on > timezone.localdate():
                raise PostingError(_("วันที่ปิดประกาศต้องไม่เป็นวันในอนาคต"))
            duplicate = notice.postings().filter(place=place)
            if place == Posting.Place.VILLAGE:
                duplicate = duplicate.filter(village=village)
            if place != Posting.Place.OTHER and duplicate.exists():
                raise PostingError(ALREADY_POSTED)
            _touch(notice.plan.pk)
            posting.save()
            AuditEvent.objects.create(
                **notice.owner_kwargs(),
                kind=AuditEvent.Kind.POSTING_RECORDED,
                actor=by,
                subject=_subject(notice),
                changes={
                    "place": ["", posting.label],
                    "posted_on": ["", posted_on.isoformat()],
                },
            )
    except IntegrityError:
        # Only a writer that bypasses the lock gets here. The photo was stored before the
        # INSERT failed and no row will ever point at it.
        if posting.photo:
            posting.photo.delete(save=False)
        raise PostingError(ALREADY_POSTED) from None
    return posting


def _subject(notice: Notice) -> str:
    # A report's posting says, in the plan's history, which round's notice it was.
    return str(notice.round.get_kind_display()) if notice.is_report else ""


class EarlyTakeDown(PostingError):
    """The notice would come down before it was kept the required time: the person is asked
    to confirm, since the record then shows the notice as not properly kept."""

    def __init__(self, message, *, keep_until):
        super().__init__(message)
        self.keep_until = keep_until


def posting_take_down(*, posting: Posting, taken_down_on, by, early_ok: bool = False) -> Posting:
    if posting.taken_down_on:
        raise PostingError(_("บันทึกวันที่ปลดประกาศไว้แล้ว"))
    _check_dates(posting.posted_on, taken_down_on)
    notice = Notice.of(posting)
    until = keep_until(posting.posted_on, notice.rule)
    if taken_down_on < until and not early_ok:
        raise EarlyTakeDown(
            _("ยังไม่ครบกำหนดปิดประกาศ: ปลดได้ตั้งแต่ %(until)s ถ้าปลดวันที่ %(on)s จะนับเป็นการปลดก่อนครบกำหนด")
            % {
                "until": thai_date(until, lang=get_language()),
                "on": thai_date(taken_down_on, lang=get_language()),
            },
            keep_until=until,
        )
    with transaction.atomic():
        # The condition on taken_down_on lets only the first of two clicks through.
        updated = Posting.objects.filter(pk=posting.pk, taken_down_on__isnull=True).update(
            taken_down_on=taken_down_on, taken_down_by=by, taken_down_recorded_at=timezone.now()
        )
        if not updated:
            raise PostingError(_("บันทึกวันที่ปลดประกาศไว้แล้ว"))
        AuditEvent.objects.create(
            **notice.owner_kwargs(),
            kind=AuditEvent.Kind.POSTING_TAKEN_DOWN,
            actor=by,
            subject=_subject(notice),
            changes={
                "place": [posting.label, posting.label],
                "taken_down_on": ["", taken_down_on.isoformat()],
            },
        )
        _touch(posting.plan_id)
    posting.refresh_from_db()
    return posting


def _check_dates(posted_on, taken_down_on) -> None:
    if taken_down_on is None:
        return
    if taken_down_on < posted_on:
        raise PostingError(_("วันที่ปลดประกาศต้องไม่ก่อนวันที่ปิดประกาศ"))
    if taken_down_on > timezone.localdate():
        raise PostingError(_("วันที่ปลดประกาศต้องไม่เป็นวันในอนาคต"))


CORRECTED_FIELDS = ("posted_on", "taken_down_on", "place_detail", "note")


def posting_correct(*, posting: Posting, by, reason: str, **values) -> Posting:
    """Correct a posting record (a date typed wrong, a take-down recorded by mistake): the
    old and new values and the reason go into the plan's history, nothing is lost."""
    if not reason.strip():
        raise PostingError(_("กรุณาระบุเหตุผลของการแก้ไข"))
    with transaction.atomic():
        notice = Notice.of(posting).locked()
        posting = Posting.objects.get(pk=posting.pk)
        announced_on = _announced_on(notice)
        posted_on = values["posted_on"]
        if posted_on < announced_on:
            raise PostingError(_("วันที่ปิดประกาศต้องไม่ก่อนวันที่ประกาศ"))
        if posted_on > timezone.localdate():
            raise PostingError(_("วันที่ปิดประกาศต้องไม่เป็นวันในอนาคต"))
        _check_dates(posted_on, values["taken_down_on"])
        changes = {}
        for name in CORRECTED_FIELDS:
            old, new = getattr(posting, name), values[name]
            if old != new:
                changes[name] = [_stored(old), _stored(new)]
                setattr(posting, name, new)
        if not changes:
            raise PostingError(_("ไม่มีสิ่งที่เปลี่ยนแปลง"))
        posting.save(update_fields=[*changes])
        AuditEvent.objects.create(
            **notice.owner_kwargs(),
            kind=AuditEvent.Kind.POSTING_CORRECTED,
            actor=by,
            comment=reason.strip(),
            project_title=str(posting.label),
            subject=_subject(notice),
            changes=changes,
        )
        _touch(notice.plan.pk)
    return posting


def _stored(value) -> str:
    # Dates as ISO text, as the rest of the history stores them.
    return "" if value is None else str(value)


def _touch(plan_id) -> None:
    # The public pages show the posting dates and are cached by the plans' latest change.
    OperationsPlan.objects.filter(pk=plan_id).update(updated_at=timezone.now())
    for slug in OperationsPlan.objects.filter(pk=plan_id).values_list(
        "organization__slug", flat=True
    ):
        organization_changed(slug)
