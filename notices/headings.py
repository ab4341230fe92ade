"""The headings of the forms as the official forms number them: "1. ยุทธศาสตร์…", "1.1 แผนงาน…".

The staff and citizen pages keep the labels of projects/tables.py ("ยุทธศาสตร์ที่ 1 …"); only the
PDF forms number their strategies (or equipment types) and the programs within each.
"""

from dataclasses import dataclass

from projects.tables import Group

STRATEGY_WORD = "ยุทธศาสตร์"
CONTINUED = "(ต่อ)"


@dataclass(frozen=True)
class ProgramTable:
    """One table of ผด.02 or ผด.02/1: a program within a strategy (or equipment type)."""

    group: Group
    heading: str  # "1.1 แผนงานเคหะและชุมชน"
    parent_heading: str  # "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
    first_of_parent: bool

    @property
    def continued(self) -> str:
        """What a page that carries the table on from the one before says above it."""
        return f"{self.parent_heading} / {self.heading} {CONTINUED}"

    @property
    def parent_continued(self) -> str:
        """What a page that starts with this table's own heading, but not its parent's, says
        above it; nothing for the first table of its parent, printed under that heading."""
        return "" if self.first_of_parent else f"{self.parent_heading} {CONTINUED}"


def strategy_heading(group: Group) -> str:
    """ "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", numbered with the strategy's own number (a
    plan without projects under strategy 2 still prints strategy 3 as 3)."""
    strategy = group.projects[0].strategy
    name = strategy.name
    if not name.startswith(STRATEGY_WORD):
        name = STRATEGY_WORD + name
    return f"{strategy.number}. {name}"


def program_heading(parent_heading: str, index: int, label: str) -> str:
    """ "1.1 แผนงานเคหะและชุมชน": the parent's number, then the program's place within it."""
    return f"{parent_heading.partition('.')[0]}.{index + 1} {label}"


def program_tables(groups: list[Group], *, strategies: bool) -> list[ProgramTable]:
    """Every program table of a form, in order, with its numbered headings.

    ``strategies``: the groups are ผด.02's strategies; otherwise ผด.02/1's equipment types,
    numbered from one in the order printed.
    """
    tables = []
    for position, group in enumerate(groups):
        parent = strategy_heading(group) if strategies else f"{position + 1}. {group.label}"
        for index, sub in enumerate(group.children):
            heading = program_heading(parent, index, sub.label)
            tables.append(ProgramTable(sub, heading, parent, index == 0))
    return tables
