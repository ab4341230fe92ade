"""The month bars of ผด.02 and ผด.02/1, drawn as one background image per pattern of months.

Twelve cells a row made up two thirds of all table cells, and WeasyPrint styles and lays out
every cell: a plan of 300 projects took half again as long. Each row now has one cell across
the twelve month columns, whose background draws the month grid and the bar; a plan uses only
a handful of distinct patterns, and each is written once, as a CSS class.
"""

from collections.abc import Iterable
from urllib.parse import quote

from projects import thai

_GRID = "#999"
_BAR = "#222"


def month_mask(months: Iterable[int]) -> int:
    """Bit i set when the i-th month of the fiscal year (ต.ค. = 0) is worked in."""
    active = set(months)
    return sum(1 << i for i, month in enumerate(thai.FISCAL_MONTHS) if month in active)


def css_class(mask: int) -> str:
    return f"months-{mask:03x}"


def runs(mask: int) -> list[tuple[int, int]]:
    """(first month, number of months) of each run of consecutive months worked in."""
    found: list[tuple[int, int]] = []
    for i in range(12):
        if mask >> i & 1:
            if found and sum(found[-1]) == i:
                found[-1] = (found[-1][0], found[-1][1] + 1)
            else:
                found.append((i, 1))
    return found


# The eleven lines between months as thin rectangles of one path: a filled path, not a stroke,
# because the viewBox is stretched unevenly and would widen a stroke with the cell.
_GRID_PATH = "".join(f"M{i - 0.02:g} 0h0.04v10h-0.04z" for i in range(1, 12))


def svg_data_uri(mask: int) -> str:
    """Grid lines between the twelve months and a bar through the active ones.

    Drawn on a 12 × 10 viewBox stretched over the cell (preserveAspectRatio="none"), so one
    unit across is one month whatever the column widths; the bar is the middle fifth in height.
    WeasyPrint draws the image again in every cell it is the background of, so it is kept to
    one path for the grid and one rectangle per run of months: a bar drawn month by month also
    showed seams where its rectangles met.
    """
    bars = "".join(
        f'<rect x="{first}" y="4" width="{length}" height="2" fill="{_BAR}"/>'
        for first, length in runs(mask)
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 10" '
        f'preserveAspectRatio="none"><path d="{_GRID_PATH}" fill="{_GRID}"/>{bars}</svg>'
    )
    return "data:image/svg+xml," + quote(svg)


def month_styles(month_lists: Iterable[Iterable[int]]) -> list[tuple[str, str]]:
    """(CSS class, background image) for each pattern of months in use, in a stable order."""
    masks = sorted({month_mask(months) for months in month_lists})
    return [(css_class(mask), svg_data_uri(mask)) for mask in masks]
