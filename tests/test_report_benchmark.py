"""The report benchmark (tests/benchmarks/report_pdf.py) runs, small: both renders are timed
side by side and their ratio printed, from a round closed through the real steps."""

import re

import pytest

from tests.benchmarks import report_pdf
from tests.support import make_world

pytestmark = pytest.mark.django_db


def test_it_prints_both_times_and_their_ratio_for_a_small_round():
    world = make_world("benchsmall", "องค์การบริหารส่วนตำบลทดสอบ")
    round = report_pdf.closed_round(world, 12)
    assert round.entries.count() == 12 and round.announcement.signer_name
    line = report_pdf.measure(round, repeat=1)
    figures = re.fullmatch(
        r"\s*12 projects, issued report: [0-9.]+ s \([0-9.]+ s CPU\), bare WeasyPrint on the "
        r"same HTML [0-9.]+ s \([0-9.]+ s CPU\); ratio of CPU times ([0-9.]+) \(target 1\.05\), "
        r"(\d+) pages, PDF \d+ kB \(\w+\)",
        line,
    )
    assert figures, line
    assert float(figures[1]) > 0 and int(figures[2]) >= 4
