"""Form ผด.01, the summary of projects and budget, computed from the rows of ผด.02.

ผด.01 covers the projects of ผด.02 only, not the equipment of ผด.02/1: DOMAIN.md ("The official
forms") says its counts equal the ผด.02 rows, and ผด.02/1 lists equipment bought outside projects.

Each percentage column must add up to exactly 100.00 as printed. Rounding every share on its own
can leave 99.99 or 100.01, so the shares are apportioned in hundredths of a percent by the
largest-remainder method: every program row first gets its share rounded down, and the hundredths
still missing go one each to the rows that lost most by rounding down. A strategy's total is the
sum of its program rows, so subtotals and the grand total agree with the rows printed above them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

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
    over the same denominator, so remainders compare without any rounding. Ties go to the later
    row (three equal values give 33.33, 33.33, 33.34). When the values sum to zero there is
    nothing to share: every share is 0.00 rather than a division by zero.
    """
    amounts = [Decimal(v) for v in values]
    if any(a < 0 for a in amounts):
        raise ValueError("shares of negative values are not defined")
    whole = sum(amounts, Decimal(0))
    if whole == 0:
        return [_ZERO_SHARE for _ in amounts]
    hundredths, remainders = [], []
    for amount in amounts:
        quotient, remainder = divmod(amount * HUNDREDTHS_IN_WHOLE, whole)
        hundredths.append(int(quotient))
        remainders.append(remainder)
    missing = HUNDREDTHS_IN_WHOLE - sum(hundredths)
    by_largest_loss = sorted(range(len(amounts)), key=lambda i: (remainders[i], i), reverse=True)
    for i in by_largest_loss[:missing]:
        hundredths[i] += 1
    return [Decimal(h) * _HUNDREDTH for h in hundredths]


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
    programs = [program for strategy in strategies for program in strategy.children]
    count_shares = iter(largest_remainder([p.count for p in programs]))
    budget_shares = iter(largest_remainder([p.total for p in programs]))
    blocks = []
    for strategy in strategies:
        lines = tuple(
            Line(
                label=program.label,
                count=program.count,
                count_share=next(count_shares),
                budget=program.total,
                budget_share=next(budget_shares),
                units=_units(program.projects),
            )
            for program in strategy.children
        )
        blocks.append(StrategySummary(strategy.label, lines, _sum_line("รวม", lines)))
    grand_total = _sum_line("รวมทั้งสิ้น", [block.total for block in blocks])
    return Summary(strategies=tuple(blocks), total=grand_total)
