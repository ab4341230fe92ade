"""Posting deadlines and statuses, as pure functions of dates and a rule.

"Post within N days of the announcement": posted on or before announced_on + N is on time.
"Keep posted at least M days": the notice may come down on posted_on + M at the earliest;
taking it down before that is too early.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from projects.dates import add_days


@dataclass(frozen=True)
class PostingRule:
    within_days: int
    keep_days: int
    source: str = ""


class State(StrEnum):
    NOT_YET = "not_yet"  # not posted, still within the time allowed
    OVERDUE = "overdue"  # not posted, and the time allowed has passed
    UP = "up"  # posted, must stay up until keep_until
    KEPT = "kept"  # posted and kept the required time (still up or taken down since)
    TAKEN_DOWN_EARLY = "taken_down_early"


LABELS = {
    State.NOT_YET: _("ยังไม่ได้ปิดประกาศ"),
    State.OVERDUE: _("เลยกำหนดปิดประกาศแล้ว"),
    State.UP: _("ปิดประกาศอยู่"),
    State.KEPT: _("ปิดประกาศครบกำหนดแล้ว"),
    State.TAKEN_DOWN_EARLY: _("ปลดประกาศก่อนครบกำหนด"),
}
PROBLEMS = {State.OVERDUE, State.TAKEN_DOWN_EARLY}


def post_by(announced_on: date, rule: PostingRule) -> date:
    return add_days(announced_on, rule.within_days)


def keep_until(posted_on: date, rule: PostingRule) -> date:
    """The earliest day the notice may be taken down."""
    return add_days(posted_on, rule.keep_days)


@dataclass(frozen=True)
class PlaceStatus:
    state: State
    post_by: date
    on_time: bool | None = None  # None while not posted
    keep_until: date | None = None

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def is_kept(self) -> bool:
        return self.state == State.KEPT

    @property
    def is_problem(self) -> bool:
        return self.state in PROBLEMS or self.on_time is False


def place_status(
    *,
    announced_on: date,
    posted_on: date | None,
    taken_down_on: date | None,
    today: date,
    rule: PostingRule,
) -> PlaceStatus:
    due = post_by(announced_on, rule)
    if posted_on is None:
        return PlaceStatus(State.OVERDUE if today > due else State.NOT_YET, due)
    on_time = posted_on <= due
    until = keep_until(posted_on, rule)
    if taken_down_on is not None and taken_down_on < until:
        state = State.TAKEN_DOWN_EARLY
    elif (taken_down_on or today) >= until:
        state = State.KEPT
    else:
        state = State.UP
    return PlaceStatus(state, due, on_time, until)


@dataclass(frozen=True)
class NextAction:
    POST = "post"
    TAKE_DOWN = "take_down"

    on: date
    kind: str
    place: str

    @property
    def is_posting(self) -> bool:
        return self.kind == self.POST


@dataclass
class PlanPostingStatus:
    post_by: date
    places: list[tuple[str, PlaceStatus]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        found = []
        for label, status in self.places:
            if status.state in PROBLEMS:
                found.append(f"{label}: {status.label}")
            elif status.on_time is False:
                found.append(f"{label}: {_('ปิดประกาศช้ากว่ากำหนด')}")
        return found

    @property
    def next_action(self) -> "NextAction | None":
        """The soonest thing someone must do, where: post a notice, or take one down."""
        actions = [
            NextAction(s.post_by, NextAction.POST, label)
            if s.state in (State.NOT_YET, State.OVERDUE)
            else NextAction(s.keep_until, NextAction.TAKE_DOWN, label)
            for label, s in self.places
            if s.state in (State.NOT_YET, State.OVERDUE, State.UP)
        ]
        return min(actions, key=lambda a: a.on) if actions else None

    @property
    def next_date(self) -> date | None:
        """The soonest date someone must act on: posting, or the earliest take-down."""
        action = self.next_action
        return action.on if action else None

    @property
    def needs_attention(self) -> bool:
        return bool(self.problems) or self.next_date is not None


def plan_posting_status(
    *,
    announced_on: date,
    postings: list[tuple[str, date | None, date | None]],
    today: date,
    rule: PostingRule,
) -> PlanPostingStatus:
    """postings: (place label, posted_on, taken_down_on); a required place that has not been
    posted yet is passed with posted_on None."""
    status = PlanPostingStatus(post_by=post_by(announced_on, rule))
    for label, posted_on, taken_down_on in postings:
        status.places.append(
            (
                label,
                place_status(
                    announced_on=announced_on,
                    posted_on=posted_on,
                    taken_down_on=taken_down_on,
                    today=today,
                    rule=rule,
                ),
            )
        )
    return status
