"""Form ผด.01, the summary of projects and budget, computed from the rows of ผด.02.

ผด.01 covers the projects of ผด.02 only, not the equipment of ผด.02/1: DOMAIN.md ("The official
forms") says its counts equal the ผด.02 rows, and ผด.02/1 lists equipment bought outside projects.

Each percentage column must add up to exactly 100.00 as printed, every figure must be within
0.01 of its true share, and a strategy's total must be the sum of the program rows above it. So
100.00 is shared out in two steps, in hundredths of a percent: first among the strategies, then
each strategy's printed share among its programs. Both steps round every true share down and give
the hundredths still missing, one each, to the rows that lost most by rounding down; rows of equal
value stay equal whenever some choice of whole ties can take up exactly the hundredths missing.
(Summing rows rounded on their own made two strategies of 15 projects print 33.33 and 33.34.)
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from notices.headings import program_heading, strategy_heading
from projects.models import Project
from projects.tables import plan_tables

HUNDREDTHS_IN_WHOLE = 10_000  # 100.00 % counted in hundredths of a percent
_HUNDREDTH = Decimal("0.01")
_ZERO_SHARE = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    """One printed row of ผด.01: a program, a strategy's total or the grand total."""

    label: str
    count: int
    count_share: Decimal
    budget: Decimal
    budget_share: Decimal
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class StrategySummary:
    label: str
    programs: tuple[Line, ...]
    total: Line


@dataclass(frozen=True)
class Summary:
    strategies: tuple[StrategySummary, ...]
    total: Line


def largest_remainder(values: Sequence[Decimal | int]) -> list[Decimal]:
    """Each value's share of their sum, in percent with two decimals, adding up to 100.00.

    Exact: the quotas are split with Decimal ``divmod`` into whole hundredths and a remainder
    over the same denominator, so remainders compare without any rounding. Equal values get
    equal shares when the hundredths missing can go to whole sets of them; otherwise ties go
    to the later row (three equal values give 33.33, 33.33, 33.34). When the values sum to zero
    there is nothing to share: every share is 0.00 rather than a division by zero.
    """
    amounts = _amounts(values)
    whole = sum(amounts, Decimal(0))
    return [Decimal(h) * _HUNDREDTH for h in _share_out(amounts, whole, HUNDREDTHS_IN_WHOLE)]


def _amounts(values: Iterable[Decimal | int]) -> list[Decimal]:
    amounts = [Decimal(v) for v in values]
    if any(a < 0 for a in amounts):
        raise ValueError("shares of negative values are not defined")
    return amounts


def _share_out(amounts: Sequence[Decimal], whole: Decimal, target: int) -> list[int]:
    """``target`` hundredths shared among ``amounts``, each within one of its true share.

    The true share of an amount is its part of ``whole`` (the plan's total, which for the
    programs of one strategy is more than their sum) in hundredths of 100 %. ``target`` must lie
    between the sum of the true shares rounded down and their sum rounded up, as a strategy's
    printed share does for its programs.
    """
    if whole == 0:
        return [0 for _ in amounts]
    hundredths, remainders = [], []
    for amount in amounts:
        quotient, remainder = divmod(amount * HUNDREDTHS_IN_WHOLE, whole)
        hundredths.append(int(quotient))
        remainders.append(remainder)
    for i in _rounded_up(amounts, remainders, target - sum(hundredths)):
        hundredths[i] += 1
    return hundredths


def _rounded_up(
    amounts: Sequence[Decimal], remainders: Sequence[Decimal], missing: int
) -> list[int]:
    """The rows that get one hundredth more: those that lost most by rounding down.

    Rows of equal amount are taken or left together when a set of such ties adds up to exactly
    ``missing`` (the best such set, by what the rows lost): the figures of equal shares then
    print equal. When no set does, the plain largest remainders decide, later rows first.
    """
    by_largest_loss = sorted(range(len(amounts)), key=lambda i: (remainders[i], i), reverse=True)
    ties: dict[Decimal, list[int]] = {}
    for i in by_largest_loss:
        if remainders[i]:
            ties.setdefault(amounts[i], []).append(i)
    # best[n]: the largest loss made good by whole sets of ties holding n rows, and those rows.
    best: dict[int, tuple[Decimal, list[int]]] = {0: (Decimal(0), [])}
    for rows in ties.values():
        gain = remainders[rows[0]] * len(rows)
        for taken, (loss, chosen) in sorted(best.items(), reverse=True):
            n = taken + len(rows)
            if n <= missing and (n not in best or best[n][0] < loss + gain):
                best[n] = (loss + gain, chosen + rows)
    if missing in best:
        return best[missing][1]
    return by_largest_loss[:missing]


def _units(projects: Iterable[Project]) -> tuple[str, ...]:
    # In order of first appearance, which follows the ผด.02 order of the rows.
    return tuple(dict.fromkeys(p.responsible for p in projects if p.responsible))


def _sum_line(label: str, lines: Sequence[Line]) -> Line:
    return Line(
        label=label,
        count=sum(line.count for line in lines),
        count_share=sum((line.count_share for line in lines), _ZERO_SHARE),
        budget=sum((line.budget for line in lines), Decimal("0")),
        budget_share=sum((line.budget_share for line in lines), _ZERO_SHARE),
    )


def summarize(projects: Iterable[Project]) -> Summary:
    """ผด.01 from a plan's projects (with ``total`` annotated, as ``with_details()`` does).

    The grouping is the one ผด.02 prints (``plan_tables``), so the two forms cannot disagree.
    """
    strategies = plan_tables(projects).projects
    count_shares = _two_level_shares(strategies, lambda group: Decimal(group.count))
    budget_shares = _two_level_shares(strategies, lambda group: group.total)
    blocks = []
    for number, strategy in enumerate(strategies):
        heading = strategy_heading(strategy)
        lines = tuple(
            Line(
                label=program_heading(heading, j, program.label),
                count=program.count,
                count_share=count_shares[number][j],
                budget=program.total,
                budget_share=budget_shares[number][j],
                units=_units(program.projects),
            )
            for j, program in enumerate(strategy.children)
        )
        blocks.append(StrategySummary(heading, lines, _sum_line("รวม", lines)))
    grand_total = _sum_line("รวมทั้งสิ้น", [block.total for block in blocks])
    return Summary(strategies=tuple(blocks), total=grand_total)


def _two_level_shares(strategies, value) -> list[list[Decimal]]:
    """The program rows' shares, strategy by strategy: 100.00 among the strategies first, then
    each strategy's share among its programs, all measured against the plan's whole."""
    whole = sum((value(s) for s in strategies), Decimal(0))
    strategy_shares = _share_out([value(s) for s in strategies], whole, HUNDREDTHS_IN_WHOLE)
    return [
        [
            Decimal(h) * _HUNDREDTH
            for h in _share_out([value(p) for p in strategy.children], whole, share)
        ]
        for strategy, share in zip(strategies, strategy_shares, strict=True)
    ]
