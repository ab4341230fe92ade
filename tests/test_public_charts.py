"""Server-rendered SVG charts: the right figures, accessible names, escaped labels."""

from decimal import Decimal

import pytest

from notices.portal import charts
from projects.models import Project
from tests.support import add_project


def loaded(world):
    return list(Project.objects.filter(plan=world["plan"]).with_details())


@pytest.fixture
def projects(world):
    _s1, s2 = world["strategies"]
    v1, v2 = world["villages"]
    add_project(world, amounts=("300000",), months=[10, 11]).villages.set([v1, v2])
    add_project(world, title="ถนน ข", amounts=("100000",), months=[11]).villages.set([v2])
    add_project(
        world,
        title="รณรงค์ไข้เลือดออก",
        strategy=s2,
        guideline=world["guidelines"][1],
        program=world["programs"][1],
        amounts=("100000",),
        months=[5],
    )
    return loaded(world)


def test_it_sums_the_budget_by_strategy_and_program(projects):
    by_strategy = charts.budget_by(projects, "strategy")
    assert [(b.label, b.value, b.display) for b in by_strategy.bars] == [
        ("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", Decimal("400000"), "400,000.00"),
        ("ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต", Decimal("100000"), "100,000.00"),
    ]
    assert [b.share for b in by_strategy.bars] == [Decimal(80), Decimal(20)]
    by_program = charts.budget_by(projects, "program")
    # Ordered by program code: 00220 สาธารณสุข before 00240 เคหะและชุมชน.
    assert [b.label for b in by_program.bars] == ["แผนงานสาธารณสุข", "แผนงานเคหะและชุมชน"]


def test_it_counts_projects_per_village_and_those_without_one(projects):
    chart = charts.projects_per_village(projects)
    assert [(b.label, b.value) for b in chart.bars] == [
        ("หมู่ที่ 1 บ้านสูงเม่น", 1),
        ("หมู่ที่ 2 บ้านดอนมูล", 2),
        ("ไม่ระบุหมู่บ้าน", 1),
    ]


def test_it_counts_projects_per_month_in_fiscal_order(projects):
    chart = charts.projects_per_month(projects, 2565)
    assert [b.label for b in chart.bars][:4] == ["ต.ค. 2564", "พ.ย. 2564", "ธ.ค. 2564", "ม.ค. 2565"]
    assert [b.value for b in chart.bars] == [1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]


def test_it_gives_each_svg_an_accessible_name_and_description(projects):
    for chart in charts.plan_charts(projects, 2565):
        svg = str(chart.svg)
        assert svg.startswith('<svg class="chart" viewBox="0 0 360 ')
        assert f'role="img" aria-labelledby="{chart.key}-t" aria-describedby="{chart.key}-d"' in svg
        assert f'<title id="{chart.key}-t">{chart.title}</title>' in svg
        assert f'<desc id="{chart.key}-d">' in svg
        assert svg.count("<rect") == len(chart.bars)


def test_it_escapes_labels_and_wraps_long_ones_between_words(world):
    world["strategies"][0].name = 'ถนน <script>alert("x")</script>'
    project = add_project(world)
    project.strategy = world["strategies"][0]
    project.total = Decimal("1")
    svg = str(charts.budget_by([project], "strategy").svg)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    long_label = "ยุทธศาสตร์ที่ 3 การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดีและการมีส่วนร่วมของประชาชนในพื้นที่"
    lines = charts.wrap_label(long_label)
    assert len(lines) == 2
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)
    assert lines[0].startswith("ยุทธศาสตร์ที่ 3")


def test_it_draws_an_empty_plan_without_dividing_by_zero():
    for chart in charts.plan_charts([], 2565):
        assert "ไม่มีข้อมูล" in chart.description or chart.vertical
        assert str(chart.svg).endswith("</svg>")
