"""Announcing a plan with its notice, issuing the announced document, and recording postings.

plan_announce composes the workflow's step with what the public is told: the document row is
created in the announcement's own transaction, so an announced plan always has exactly one.
Rendering happens after commit, outside the request that announced, and claims the row
first: two workers, two clicks or a retry never render the same plan twice, and a ready
document is never rendered again.
"""

import hashlib
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from notices.models import PlanDocument, Posting
from notices.pdf import AnnouncementText, render_plan_pdf
from projects.errors import DomainError
from projects.links import absolute_url
from projects.models import AuditEvent, OperationsPlan, Stage
from workflow import services as workflow
from workflow.models import Announcement

log = logging.getLogger(__name__)

# A render that started this long ago and never finished (a worker killed mid-way) may be
# claimed again.
STALE_AFTER = timedelta(minutes=10)


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


def document_request(*, plan) -> PlanDocument:
    """Called inside the announcement's transaction: the plan now owes one document."""
    document = PlanDocument.objects.create(plan=plan)
    transaction.on_commit(lambda: start_rendering(plan.pk))
    return document


def start_rendering(plan_id: int) -> None:
    if settings.NOTICES_RENDER_IN_BACKGROUND:
        threading.Thread(target=_render_in_thread, args=(plan_id,), daemon=True).start()
    else:
        document_render(plan_id=plan_id)


def _render_in_thread(plan_id: int) -> None:
    try:
        document_render(plan_id=plan_id)
    finally:
        close_old_connections()


def _claim(plan_id: int) -> bool:
    """Move the document to RENDERING if nobody else holds it; True if we got it."""
    stale = timezone.now() - STALE_AFTER
    claimable = Q(status__in=[PlanDocument.Status.PENDING, PlanDocument.Status.FAILED]) | Q(
        status=PlanDocument.Status.RENDERING, started_at__lt=stale
    )
    claimed = PlanDocument.objects.filter(claimable, plan_id=plan_id).update(
        status=PlanDocument.Status.RENDERING, started_at=timezone.now(), error=""
    )
    return claimed == 1


def document_render(*, plan_id: int) -> PlanDocument | None:
    """Render and store the announced document, unless it is ready or being rendered."""
    if not _claim(plan_id):
        return None
    document = PlanDocument.objects.select_related(
        "plan__organization", "plan__period", "plan__announcement"
    ).get(plan_id=plan_id)
    plan = document.plan
    announcement = plan.announcement
    try:
        content = render_plan_pdf(
            plan,
            draft=False,
            announcement=AnnouncementText(
                announced_on=announcement.announced_on,
                signer_name=announcement.signer_name,
                signer_title=announcement.signer_title,
            ),
            public_url=public_url(plan),
        )
    except Exception as error:
        log.exception("rendering the document of plan %s failed", plan_id)
        PlanDocument.objects.filter(pk=document.pk).update(
            status=PlanDocument.Status.FAILED, error=repr(error)
        )
        return None
    PlanDocument.objects.filter(pk=document.pk, status=PlanDocument.Status.RENDERING).update(
        status=PlanDocument.Status.READY,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        rendered_at=timezone.now(),
    )
    document.refresh_from_db()
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


ALREADY_POSTED = "บันทึกการปิดประกาศที่สถานที่นี้ไว้แล้ว"


def _announced_on(plan):
    if plan.stage != Stage.ANNOUNCED:
        raise PostingError("แผนยังไม่ได้ประกาศ จึงยังปิดประกาศไม่ได้")
    return plan.announcement.announced_on


def posting_record(
    *, plan, by, place, village=None, place_detail="", posted_on, photo=None, note=""
) -> Posting:
    posting = Posting(
        plan=plan,
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
            # The plan's row lock serialises two staff (or a double click) recording the same
            # place: the second sees the first's row below and is refused before its photo is
            # stored. The stage is read again under the lock, not from the caller's copy.
            plan = (
                OperationsPlan.objects.select_for_update(of=("self",))
                .select_related("announcement")
                .get(pk=plan.pk)
            )
            announced_on = _announced_on(plan)
            if posted_on < announced_on:
                raise PostingError("วันที่ปิดประกาศต้องไม่ก่อนวันที่ประกาศ")
            if posted_on > timezone.localdate():
                raise PostingError("วันที่ปิดประกาศต้องไม่เป็นวันในอนาคต")
            duplicate = Posting.objects.filter(plan=plan, place=place)
            if place == Posting.Place.VILLAGE:
                duplicate = duplicate.filter(village=village)
            if place != Posting.Place.OTHER and duplicate.exists():
                raise PostingError(ALREADY_POSTED)
            _touch(plan.pk)
            posting.save()
            AuditEvent.objects.create(
                plan=plan,
                kind=AuditEvent.Kind.POSTING_RECORDED,
                actor=by,
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


def posting_take_down(*, posting: Posting, taken_down_on, by) -> Posting:
    if posting.taken_down_on:
        raise PostingError("บันทึกวันที่ปลดประกาศไว้แล้ว")
    if taken_down_on < posting.posted_on:
        raise PostingError("วันที่ปลดประกาศต้องไม่ก่อนวันที่ปิดประกาศ")
    if taken_down_on > timezone.localdate():
        raise PostingError("วันที่ปลดประกาศต้องไม่เป็นวันในอนาคต")
    with transaction.atomic():
        # The condition on taken_down_on lets only the first of two clicks through.
        updated = Posting.objects.filter(pk=posting.pk, taken_down_on__isnull=True).update(
            taken_down_on=taken_down_on, taken_down_by=by, taken_down_recorded_at=timezone.now()
        )
        if not updated:
            raise PostingError("บันทึกวันที่ปลดประกาศไว้แล้ว")
        AuditEvent.objects.create(
            plan_id=posting.plan_id,
            kind=AuditEvent.Kind.POSTING_TAKEN_DOWN,
            actor=by,
            changes={
                "place": [posting.label, posting.label],
                "taken_down_on": ["", taken_down_on.isoformat()],
            },
        )
        _touch(posting.plan_id)
    posting.refresh_from_db()
    return posting


def document_retry(*, plan: OperationsPlan, by) -> None:
    """Render the announced document again after a failure, on a person's request."""
    with transaction.atomic():
        document = PlanDocument.objects.select_for_update().filter(plan=plan).first()
        if document is None or document.is_ready:
            raise PostingError("เอกสารของแผนนี้จัดทำเสร็จแล้ว ไม่ต้องจัดทำอีกครั้ง")
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.DOCUMENT_RETRIED,
            actor=by,
            changes={"document": [document.get_status_display(), "ขอจัดทำอีกครั้ง"]},
        )
        transaction.on_commit(lambda: start_rendering(plan.pk))


def _touch(plan_id) -> None:
    # The public pages show the posting dates and are cached by the plans' latest change.
    OperationsPlan.objects.filter(pk=plan_id).update(updated_at=timezone.now())
