"""The demonstration's history: last year's plan announced and posted, this year's under way.

So that a newcomer who starts the demo finds the public portal filled and the staff workflow
in progress. Everything goes through the real services (workflow, notices), so the demo's
audit trail, document and postings are what the application itself would have recorded.
Idempotent: each step runs only if the plan is not already past it.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from notices import services as notices
from notices.models import Posting
from projects.models import BudgetLine, OperationsPlan, Stage
from sungmen_plan.demo.monitoring import seed_monitoring
from workflow import services
from workflow.models import Vote

COMMITTEE_MET_ON = date(2020, 12, 10)
PREVIOUS_ANNOUNCED_ON = date(2020, 12, 18)
USERNAMES = ["staff", "committee1", "committee2", "executive", "monitor1", "monitor2"]
RETURN_COMMENT = (
    "ขอให้ตรวจสอบงบประมาณโครงการอาหารเสริม (นม) ให้ตรงกับจำนวนนักเรียนปีการศึกษาปัจจุบัน "
    "และระบุหมู่บ้านของโครงการก่อสร้างให้ครบ"
)


def seed_history(*, current: OperationsPlan) -> list[str]:
    """Bring the demo plans to their stages; return one line per step taken."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    done = []
    previous = _previous_plan(current)
    if previous.stage != Stage.ANNOUNCED:
        _announce(previous, users)
        done.append(f"ประกาศ{previous.title} แล้ว พร้อมเอกสารและการปิดประกาศ")
    done += seed_monitoring(previous, users)
    if current.stage == Stage.COLLECTING and not current.events.exists():
        services.plan_start_drafting(plan=current, by=users["staff"])
        services.plan_submit(plan=current, by=users["staff"])
        services.plan_vote(
            plan=current, by=users["committee1"], approve=False, comment=RETURN_COMMENT
        )
        done.append(f"{current.title}: เสนอแล้วและถูกส่งกลับให้แก้ไข (อยู่ระหว่างจัดทำร่าง)")
    return done


def _previous_plan(current: OperationsPlan) -> OperationsPlan:
    """Last year's plan: every other project of this year's, at nine tenths of the amounts."""
    previous, created = OperationsPlan.objects.get_or_create(
        organization=current.organization,
        fiscal_year=current.fiscal_year - 1,
        supplement_number=0,
        defaults={"period": current.period},
    )
    if not created:
        return previous
    sources = list(
        current.projects.prefetch_related("villages", "budget_lines").order_by("id")[::2]
    )
    for source in sources:
        lines = list(source.budget_lines.all())
        villages = list(source.villages.all())
        source.pk = None
        source.plan = previous
        # Without this, villages.set() would compare against the prefetched villages of the
        # project copied from and add nothing.
        source._prefetched_objects_cache = {}
        source.save()
        source.villages.set(villages)
        BudgetLine.objects.bulk_create(
            BudgetLine(
                project=source,
                amount=(line.amount * Decimal("0.9")).quantize(Decimal("1")),
                source=line.source,
                group=line.group,
                category=line.category,
            )
            for line in lines
        )
    return previous


def _announce(plan: OperationsPlan, users) -> None:
    executive = users["executive"]
    if plan.stage == Stage.COLLECTING:
        services.plan_start_drafting(plan=plan, by=users["staff"])
        services.plan_submit(plan=plan, by=users["staff"])
        for member in ("committee1", "committee2"):
            services.plan_vote(plan=plan, by=users[member], approve=True, comment="เห็นชอบ")
        # In this story the committee met in December 2020, not today.
        met = timezone.make_aware(datetime.combine(COMMITTEE_MET_ON, time(10)))
        plan.events.update(at=met)
        plan.submissions.update(submitted_at=met)
        Vote.objects.filter(submission__plan=plan).update(at=met)
    plan.refresh_from_db()
    notices.plan_announce(
        plan=plan,
        by=executive,
        announced_on=PREVIOUS_ANNOUNCED_ON,
        signer_name=f"{executive.first_name} {executive.last_name}",
        signer_title=plan.organization.executive_title,
    )
    plan.refresh_from_db()
    # The website went live with the announcement, which in this story was back then.
    Posting.objects.filter(plan=plan, round__isnull=True, place=Posting.Place.WEBSITE).update(
        posted_on=PREVIOUS_ANNOUNCED_ON
    )
    posted_on = PREVIOUS_ANNOUNCED_ON + timedelta(days=3)
    office = notices.posting_record(
        plan=plan, by=users["staff"], place=Posting.Place.OFFICE, posted_on=posted_on
    )
    notices.posting_take_down(
        posting=office, taken_down_on=posted_on + timedelta(days=35), by=users["staff"]
    )
    for village in plan.organization.village_set.order_by("number"):
        posting = notices.posting_record(
            plan=plan,
            by=users["staff"],
            place=Posting.Place.VILLAGE,
            village=village,
            posted_on=posted_on + timedelta(days=village.number % 3),
        )
        notices.posting_take_down(
            posting=posting, taken_down_on=posted_on + timedelta(days=40), by=users["staff"]
        )
