"""Charts of a plan for citizens, drawn on the server as SVG: no JavaScript, no chart library.

Each chart is computed from the plan's already-loaded projects (no query of its own) and is
shown beside a table of the same figures, so it reads without images, scripts or colour.
The SVG is a fixed coordinate system scaled to the column's width; labels sit on their own
line above each bar, so long Thai strategy names do not squeeze the bars on a phone.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from projects import thai
from projects.figures import BASES
from projects.models import Project

WIDTH = 360
LABEL_CHARS = 40  # about what fits in WIDTH at the label font size
LINE = 20
BAR = 14
VALUE_ROOM = 104
BAR_COLOUR = "#0a58ca"  # 6.4:1 on white, above the 3:1 that WCAG asks of graphics
TEXT_COLOUR = "#212529"


@dataclass
class Bar:
    label: str
    value: Decimal | int
    display: str
    share: Decimal


@dataclass
class Chart:
    key: str
    title: str
    description: str
    value_heading: str
    bars: list[Bar]
    vertical: bool = False
    # Shares add up only for budgets: a project may run in several villages and months.
    show_share: bool = True

    @property
    def svg(self) -> SafeString:
        return _columns_svg(self) if self.vertical else _bars_svg(self)


def _bars(pairs: list[tuple[str, Decimal | int]], money: bool) -> list[Bar]:
    whole = sum((value for _label, value in pairs), 0)
    return [
        Bar(
            label=label,
            value=value,
            display=thai.baht(value) if money else str(value),
            share=Decimal(value) * 100 / whole if whole else Decimal(0),
        )
        for label, value in pairs
    ]


def wrap_label(text: str, width: int = LABEL_CHARS, lines: int = 2) -> list[str]:
    """Break a Thai label between words (pythainlp) into at most ``lines`` lines."""
    from pythainlp.tokenize import word_tokenize

    result = [""]
    for word in word_tokenize(text, engine="newmm"):
        if len(result[-1]) + len(word) > width and result[-1].strip():
            result.append("")
        result[-1] += word
    result = [line.strip() for line in result]
    if len(result) > lines:
        result = [*result[: lines - 1], result[lines - 1][: width - 1] + "…"]
    return result


def _svg_open(chart: Chart, height: int) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-t" aria-describedby="{}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
        WIDTH,
        height,
        chart.key,
        chart.key,
        chart.key,
        chart.title,
        chart.key,
        chart.description,
    )


def _bars_svg(chart: Chart) -> SafeString:
    biggest = max((bar.value for bar in chart.bars), default=0) or 1
    parts, y = [], 0
    for bar in chart.bars:
        label_lines = wrap_label(bar.label)
        for line in label_lines:
            y += LINE
            # Baseline well above the bar: Thai vowels and descenders hang below it.
            parts.append(format_html('<text x="0" y="{}">{}</text>', y - 6, line))
        width = round((WIDTH - VALUE_ROOM) * bar.value / biggest, 1)
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                y,
                max(width, 1),
                BAR,
                BAR_COLOUR,
                max(width, 1) + 4,
                y + BAR - 2,
                bar.display,
            )
        )
        y += BAR + 8
    body = SafeString("".join(parts))
    return format_html('{}<g fill="{}">{}</g></svg>', _svg_open(chart, y), TEXT_COLOUR, body)


def _columns_svg(chart: Chart) -> SafeString:
    height, top, bottom = 170, 18, 36
    slot = WIDTH / max(len(chart.bars), 1)
    biggest = max((bar.value for bar in chart.bars), default=0) or 1
    parts = []
    for n, bar in enumerate(chart.bars):
        bar_height = round((height - top - bottom) * bar.value / biggest, 1)
        x = round(n * slot + slot * 0.15, 1)
        centre = round(n * slot + slot / 2, 1)
        base = height - bottom
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" text-anchor="middle" class="chart-value">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" class="chart-axis">{}</text>',
                x,
                base - bar_height,
                round(slot * 0.7, 1),
                bar_height,
                BAR_COLOUR,
                centre,
                base - bar_height - 4,
                bar.display,
                centre,
                base + 16,
                bar.label.split()[0],
            )
        )
    body = SafeString("".join(parts))
    return format_html(
        '{}<g fill="{}">{}<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}"></line></g></svg>',
        _svg_open(chart, height),
        TEXT_COLOUR,
        body,
        WIDTH,
        height - bottom,
        height - bottom,
        TEXT_COLOUR,
    )


def _describe(intro: str, bars: list[Bar], unit: str) -> str:
    # Plain text: format_html escapes it once, where it goes into the SVG.
    items = "; ".join(f"{b.label}: {b.display} {unit}" for b in bars)
    return f"{intro} {items}" if bars else f"{intro} ไม่มีข้อมูล"


def budget_by(projects: list[Project], level: str) -> Chart:
    """Budget per strategy (level "strategy") or per program (level "program")."""
    totals: dict[tuple, Decimal] = {}
    for p in projects:
        if level == "strategy":
            key = (p.strategy.number, f"ยุทธศาสตร์ที่ {p.strategy.number} {p.strategy.name}")
        else:
            key = (p.program.code, f"แผนงาน{p.program.name}")
        totals[key] = totals.get(key, Decimal(0)) + p.total
    bars = _bars([(label, total) for (_order, label), total in sorted(totals.items())], True)
    title = _("งบประมาณตามยุทธศาสตร์") if level == "strategy" else _("งบประมาณตามแผนงาน")
    return Chart(
        key=f"chart-{level}",
        title=title,
        description=_describe(_("แผนภูมิแท่ง%(title)s (บาท):") % {"title": title}, bars, _("บาท")),
        value_heading=_("งบประมาณ (บาท)"),
        bars=bars,
    )


def projects_per_village(projects: list[Project]) -> Chart:
    counts: Counter = Counter()
    for p in projects:
        villages = list(p.villages.all())
        for v in villages:
            counts[(v.number, str(v))] += 1
        if not villages:
            counts[(10_000, _("ไม่ระบุหมู่บ้าน"))] += 1
    bars = _bars([(label, n) for (_number, label), n in sorted(counts.items())], False)
    return Chart(
        key="chart-village",
        title=_("จำนวนโครงการในแต่ละหมู่บ้าน"),
        description=_describe(
            _("แผนภูมิแท่งจำนวนโครงการในแต่ละหมู่บ้าน (โครงการหนึ่งอาจอยู่หลายหมู่บ้าน):"),
            bars,
            _("โครงการ"),
        ),
        value_heading=_("จำนวนโครงการ"),
        bars=bars,
        show_share=False,
    )


def projects_per_month(projects: list[Project], fiscal_year: int) -> Chart:
    counts = Counter(m for p in projects for m in set(p.months))
    lang = get_language()
    pairs = [
        (
            f"{thai.month_abbr(m, lang=lang)} {thai.fiscal_month_year_be(m, fiscal_year)}",
            counts.get(m, 0),
        )
        for m in thai.FISCAL_MONTHS
    ]
    bars = _bars(pairs, False)
    return Chart(
        key="chart-month",
        title=_("จำนวนโครงการที่ดำเนินการในแต่ละเดือน"),
        description=_describe(
            _("แผนภูมิแท่งแนวตั้ง ตุลาคม %(first)s ถึงกันยายน %(last)s:")
            % {"first": fiscal_year - 1, "last": fiscal_year},
            bars,
            _("โครงการ"),
        ),
        value_heading=_("จำนวนโครงการ"),
        bars=bars,
        vertical=True,
        show_share=False,
    )


def plan_charts(projects: list[Project], fiscal_year: int) -> list[Chart]:
    return [
        budget_by(projects, "strategy"),
        budget_by(projects, "program"),
        projects_per_village(projects),
        projects_per_month(projects, fiscal_year),
    ]


# Progress of a closed round (notices/portal/progress.py): read from projects.figures, which
# computes every share once, half up to two decimals, from the round's snapshot.
STATUS_SEGMENTS = (
    # (Tally attribute, label, colour): each 3:1 or more on white, told apart by the legend
    # and the table beside the chart, not by colour alone.
    ("done", gettext_lazy("แล้วเสร็จ"), "#146c43"),
    ("under_way", gettext_lazy("อยู่ระหว่างดำเนินการ"), "#0a58ca"),
    ("not_started", gettext_lazy("ยังไม่ดำเนินการ"), "#6c757d"),
    ("cancelled", gettext_lazy("ยกเลิก"), "#b02a37"),
)


@dataclass
class StatusRow:
    label: str
    projects: int
    segments: list[tuple[str, int, Decimal | None, str]]  # label, count, share, colour


@dataclass
class StatusChart:
    key: str
    title: str
    description: str
    rows: list[StatusRow]
    base: str = ""

    @property
    def headings(self) -> list[str]:
        return [str(label) for _name, label, _colour in STATUS_SEGMENTS]

    @property
    def svg(self) -> SafeString:
        return _stacked_svg(self)

    @property
    def legend(self) -> list[tuple[str, SafeString]]:
        """Each status with its swatch, as HTML beside the SVG: it wraps on a phone."""
        return [
            (
                str(label),
                format_html(
                    '<svg width="12" height="12" aria-hidden="true">'
                    '<rect width="12" height="12" fill="{}"></rect></svg>',
                    colour,
                ),
            )
            for _name, label, colour in STATUS_SEGMENTS
        ]


def _status_row(label: str, tally) -> StatusRow:
    segments = [
        (str(text), getattr(tally, name), getattr(tally, f"{name}_share"), colour)
        for name, text, colour in STATUS_SEGMENTS
    ]
    return StatusRow(label, tally.projects, segments)


def _stacked_svg(chart: StatusChart) -> SafeString:
    parts, y = [], 0
    for row in chart.rows:
        for line in wrap_label(row.label):
            y += LINE
            parts.append(format_html('<text x="0" y="{}">{}</text>', y - 6, line))
        x = Decimal(0)
        for label, count, portion, colour in row.segments:
            if not count:
                continue
            width = round((WIDTH - 2) * (portion or 0) / 100, 1)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff">'
                    "<title>{}: {} ({}%)</title></rect>",
                    x,
                    y,
                    max(width, 1),
                    BAR,
                    colour,
                    label,
                    count,
                    thai.percent(portion),
                )
            )
            x += width
        y += BAR + 8
    body = SafeString("".join(parts))
    return format_html('{}<g fill="{}">{}</g></svg>', _svg_open(chart, y + 22), TEXT_COLOUR, body)


def _disbursed_bar(label: str, tally) -> Bar:
    # No planned budget, no share: drawn as nothing and written "-", never as 0.
    portion = tally.disbursed_share
    return Bar(label, portion or Decimal(0), thai.percent(portion) or "-", portion or Decimal(0))


def progress_charts(figures) -> list:
    """The round's status of projects and disbursement per strategy, and for the plan."""
    total = _("รวมทั้งแผน")
    status_rows = [_status_row(row.label, row.tally) for row in figures.strategies]
    status_rows.append(_status_row(str(total), figures.total))
    status_title = _("สถานะโครงการตามยุทธศาสตร์ (%(base)s)") % {"base": BASES["projects"]}
    status = StatusChart(
        key="chart-progress-status",
        title=status_title,
        description="; ".join(
            f"{row.label}: "
            + ", ".join(
                f"{label} {count} ({thai.percent(p)}%)" for label, count, p, _c in row.segments
            )
            for row in status_rows
        ),
        rows=status_rows,
        base=str(BASES["projects"]),
    )
    bars = [_disbursed_bar(row.label, row.tally) for row in figures.strategies]
    bars.append(_disbursed_bar(total, figures.total))
    disbursed_title = _("การเบิกจ่ายตามยุทธศาสตร์ (%(base)s)") % {"base": BASES["budget"]}
    disbursed = Chart(
        key="chart-progress-disbursed",
        title=disbursed_title,
        description=_describe(
            _("แผนภูมิแท่ง%(title)s:") % {"title": disbursed_title}, bars, _("ร้อยละ")
        ),
        value_heading=str(BASES["budget"]),
        bars=bars,
        show_share=False,
    )
    return [status, disbursed]
