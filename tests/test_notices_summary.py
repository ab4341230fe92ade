"""Form ผด.01 computed from the plan's projects: counts equal ผด.02, percentages sum to 100.00."""

from decimal import Decimal

import pytest

from notices.summary import largest_remainder, summarize
from projects.models import Program, Project, Strategy
from projects.tables import plan_tables
from tests.support import add_project

D = Decimal


def load(world):
    return list(Project.objects.filter(plan=world["plan"]).with_details())


def program_lines(summary):
    return [line for block in summary.strategies for line in block.programs]


def third_program(world):
    return Program.objects.create(organization=world["org"], code="00210", name="การศึกษา")


@pytest.mark.parametrize(
    ("values", "shares"),
    [
        ([1, 1, 1], ["33.33", "33.33", "33.34"]),
        ([2, 1], ["66.67", "33.33"]),
        ([1, 1, 1, 1, 1, 1], ["16.66", "16.66", "16.67", "16.67", "16.67", "16.67"]),
        ([D("0.01"), D("999999.99")], ["0.00", "100.00"]),
        ([5], ["100.00"]),
    ],
)
def test_it_apportions_hundredths_by_largest_remainder(values, shares):
    assert largest_remainder(values) == [D(s) for s in shares]


@pytest.mark.parametrize("count", [3, 6, 7, 9, 11, 13])
def test_it_sums_to_exactly_100_where_rounding_each_share_does_not(count):
    values = [D("12500.50")] * count
    each_rounded = (D(100) / count).quantize(D("0.01"))
    assert each_rounded * count != D("100.00")  # the case is a real trap

    assert sum(largest_remainder(values)) == D("100.00")


def test_it_shares_nothing_when_everything_is_zero():
    assert largest_remainder([0, 0]) == [D("0.00"), D("0.00")]
    assert largest_remainder([]) == []


def test_it_refuses_negative_values():
    with pytest.raises(ValueError):
        largest_remainder([D("5"), D("-1")])


def test_it_gives_three_equal_projects_a_third_each_summing_to_100(world):
    s2 = world["strategies"][1]
    education = third_program(world)
    add_project(world, title="ก", amounts=("100000",), program=world["programs"][0])
    add_project(world, title="ข", amounts=("100000",), program=education)
    add_project(world, title="ค", amounts=("100000",), strategy=s2, program=world["programs"][1])

    summary = summarize(load(world))

    # 100.00 goes to the strategies first (66.67 and 33.33), then 66.67 to its two programs.
    first, second = summary.strategies
    assert first.total.count_share == D("66.67") and second.total.count_share == D("33.33")
    lines = program_lines(summary)
    assert [line.count_share for line in lines] == [D("33.33"), D("33.34"), D("33.33")]
    assert [line.budget_share for line in lines] == [D("33.33"), D("33.34"), D("33.33")]
    assert summary.total.count_share == D("100.00")
    assert summary.total.budget_share == D("100.00")
    assert sum(block.total.count_share for block in summary.strategies) == D("100.00")
    assert summary.total.count == 3
    assert summary.total.budget == D("300000.00")


def test_it_totals_each_strategy_from_its_program_rows(world):
    s2 = world["strategies"][1]
    housing, health = world["programs"]
    education = third_program(world)
    add_project(world, amounts=("120000.50",), program=housing)
    add_project(world, amounts=("80000",), program=housing)
    add_project(world, amounts=("33333.33",), program=education)
    add_project(world, amounts=("1.01",), strategy=s2, program=health)

    summary = summarize(load(world))

    first, second = summary.strategies
    assert first.label == "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
    assert [line.label for line in first.programs] == [
        "1.1 แผนงานการศึกษา",
        "1.2 แผนงานเคหะและชุมชน",
    ]
    assert first.total.count == 3
    assert first.total.budget == D("233333.83")
    assert first.total.count_share == sum(line.count_share for line in first.programs)
    assert first.total.budget_share == sum(line.budget_share for line in first.programs)
    assert second.total.count == 1
    for column in ("count_share", "budget_share"):
        assert sum(getattr(line, column) for line in program_lines(summary)) == D("100.00")
        assert getattr(summary.total, column) == D("100.00")


def test_it_counts_the_same_projects_as_pd02_and_leaves_equipment_out(world):
    add_project(world, title="โครงการหนึ่ง")
    add_project(world, title="โครงการสอง", program=world["programs"][1])
    add_project(
        world,
        title="เครื่องคอมพิวเตอร์",
        amounts=("22000",),
        form=Project.Form.EQUIPMENT,
        equipment_type=world["equipment_type"],
    )
    projects = load(world)

    summary = summarize(projects)

    pd02_rows = sum(group.count for group in plan_tables(projects).projects)
    assert summary.total.count == pd02_rows == 2
    assert summary.total.budget == D("500000.00")


def test_it_shows_zero_percent_of_a_budget_that_is_zero(world):
    add_project(world, amounts=())
    add_project(world, amounts=(), program=world["programs"][1])

    summary = summarize(load(world))

    assert [line.budget_share for line in program_lines(summary)] == [D("0.00"), D("0.00")]
    assert summary.total.budget_share == D("0.00")
    assert summary.total.count_share == D("100.00")


def test_it_summarizes_a_plan_without_projects(world):
    summary = summarize(load(world))

    assert summary.strategies == ()
    assert summary.total.count == 0
    assert summary.total.count_share == D("0.00")
    assert summary.total.label == "รวมทั้งสิ้น"


def test_it_lists_each_programs_responsible_units_once(world):
    works, office = world["departments"]
    add_project(world, department=works)
    add_project(world, department=office)
    add_project(world, department=works)
    add_project(
        world,
        ownership=Project.Ownership.OTHER_AGENCY,
        agency="แขวงทางหลวงชนบทแพร่",
        department=None,
    )

    (line,) = program_lines(summarize(load(world)))

    assert line.units == ("กองช่าง", "สำนักปลัด", "แขวงทางหลวงชนบทแพร่")


def strategy(world, number):
    return Strategy.objects.create(period=world["period"], number=number, name=f"ยุทธศาสตร์ {number}")


def program(world, code):
    return Program.objects.create(organization=world["org"], code=code, name=f"แผนงาน {code}")


def add_projects(world, count, strategy, program):
    for i in range(count):
        add_project(world, title=f"โครงการ {i}", strategy=strategy, program=program)


def test_it_prints_equal_strategies_equal_whatever_their_programs(world):
    # 15 + 15 + 8 + 7 of 45: the first strategy's programs (7 + 8) and the second's (5 + 5 + 5)
    # round differently, which made their sums 33.34 and 33.33.
    s1, s2 = world["strategies"]
    s3, s4 = strategy(world, 3), strategy(world, 4)
    programs = [program(world, f"00{n}") for n in range(310, 316)]
    for count, strat, prog in [
        (7, s1, programs[0]),
        (8, s1, programs[1]),
        (5, s2, programs[2]),
        (5, s2, programs[3]),
        (5, s2, programs[4]),
        (8, s3, programs[5]),
        (7, s4, programs[0]),
    ]:
        add_projects(world, count, strat, prog)

    summary = summarize(load(world))

    shares = [block.total.count_share for block in summary.strategies]
    assert shares == [D("33.33"), D("33.33"), D("17.78"), D("15.56")]
    for block in summary.strategies:
        assert block.total.count_share == sum(line.count_share for line in block.programs)
        for line in block.programs:
            assert abs(line.count_share - D(line.count) * 100 / 45) < D("0.01")
    assert [line.count_share for line in summary.strategies[1].programs] == [D("11.11")] * 3


def test_it_keeps_every_figure_within_a_hundredth_of_its_share(world):
    # 8 of 90 is 8.888…: rounded down twice over it printed 8.88.
    s1, s2 = world["strategies"]
    housing, health = world["programs"]
    add_projects(world, 8, s1, housing)
    add_projects(world, 41, s1, health)
    add_projects(world, 41, s2, health)

    summary = summarize(load(world))

    for block in summary.strategies:
        for line in (*block.programs, block.total):
            assert abs(line.count_share - D(line.count) * 100 / 90) < D("0.01")
    first = {line.count: line.count_share for line in summary.strategies[0].programs}
    assert first == {8: D("8.89"), 41: D("45.55")}
    assert summary.strategies[1].total.count_share == D("45.56")
