"""Thai formatting helpers and their template filters; no database needed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Engine
from django.utils.safestring import mark_safe

from projects import thai


def render(source: str, **context: object) -> str:
    engine = Engine(libraries={"thai": "projects.templatetags.thai"})
    return engine.from_string("{% load thai %}" + source).render(Context(context))


# --- digits ---------------------------------------------------------------------------


def test_it_converts_arabic_digits_to_thai():
    assert thai.to_thai_digits("2564") == "๒๕๖๔"
    assert thai.to_thai_digits(1234567890) == "๑๒๓๔๕๖๗๘๙๐"
    assert thai.to_thai_digits(Decimal("12.50")) == "๑๒.๕๐"
    assert thai.to_thai_digits("ข้อ 3 ก.") == "ข้อ ๓ ก."


def test_it_converts_thai_digits_to_arabic():
    assert thai.to_arabic_digits("๑๒๓๔๕๖๗๘๙๐") == "1234567890"
    assert thai.to_arabic_digits("พ.ศ. ๒๕๖๕") == "พ.ศ. 2565"
    assert thai.to_arabic_digits("mixed ๑2๓") == "mixed 123"


# --- parse_amount ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,500", Decimal("12500")),
        ("๑๒,๕๐๐", Decimal("12500")),
        ("12500.50", Decimal("12500.50")),
        ("๑๒๕๐๐.๕๐", Decimal("12500.50")),
        ("  12,500  ", Decimal("12500")),
        ("12,500 บาท", Decimal("12500")),
        ("12500บาท", Decimal("12500")),
        (" ๑,๐๐๐.๒๕ บาท ", Decimal("1000.25")),
        ("1,2,5,0,0", Decimal("12500")),
        ("0.005", Decimal("0.005")),
        (".5", Decimal("0.5")),
        ("-300", Decimal("-300")),
    ],
)
def test_it_parses_typed_amounts(text, expected):
    result = thai.parse_amount(text)
    assert isinstance(result, Decimal)
    assert result == expected


def test_it_keeps_the_amount_exactly_as_typed():
    # A float round-trip would give 0.1000000000000000055511151231257827...
    assert str(thai.parse_amount("0.10")) == "0.10"
    assert str(thai.parse_amount("12345678901234567.89")) == "12345678901234567.89"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "บาท",
        ",",
        "abc",
        "12a",
        "12 500",
        "1.2.3",
        "12.",
        "-",
        "1e3",
        "1E3",
        "๑e๓",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "sNaN",
        "0x10",
        "١٢",  # Arabic-Indic digits: Decimal() would accept them
        "บาท 12",
    ],
)
def test_it_rejects_non_amounts(text):
    with pytest.raises(ValueError):
        thai.parse_amount(text)


# --- years and dates ------------------------------------------------------------------


def test_it_gives_the_buddhist_year():
    assert thai.buddhist_year(date(2021, 10, 1)) == 2564
    assert thai.buddhist_year(datetime(2022, 9, 30, 23, 59)) == 2565
    assert thai.buddhist_year(2024) == 2567
    with pytest.raises(TypeError):
        thai.buddhist_year("2024")


@pytest.mark.parametrize(
    ("value", "long", "short"),
    [
        (date(2021, 10, 1), "1 ตุลาคม พ.ศ. 2564", "1 ต.ค. 64"),
        (date(2021, 9, 30), "30 กันยายน พ.ศ. 2564", "30 ก.ย. 64"),
        (date(2024, 2, 29), "29 กุมภาพันธ์ พ.ศ. 2567", "29 ก.พ. 67"),
        (date(2023, 12, 31), "31 ธันวาคม พ.ศ. 2566", "31 ธ.ค. 66"),
        (date(2024, 1, 1), "1 มกราคม พ.ศ. 2567", "1 ม.ค. 67"),
        (date(2043, 5, 4), "4 พฤษภาคม พ.ศ. 2586", "4 พ.ค. 86"),
        (date(1957, 4, 13), "13 เมษายน พ.ศ. 2500", "13 เม.ย. 00"),
    ],
)
def test_it_formats_thai_dates(value, long, short):
    assert thai.thai_date(value) == long
    assert thai.thai_date(value, short=True) == short


def test_it_formats_thai_dates_with_thai_digits():
    assert thai.thai_date(date(2021, 10, 1), thai_digits=True) == "๑ ตุลาคม พ.ศ. ๒๕๖๔"
    assert thai.thai_date(date(2024, 2, 29), short=True, thai_digits=True) == "๒๙ ก.พ. ๖๗"


def test_it_formats_no_date_as_empty():
    assert thai.thai_date(None) == ""
    assert thai.thai_date(None, short=True, thai_digits=True) == ""


def test_it_names_every_month():
    assert list(thai.MONTH_NAMES) == list(range(1, 13))
    assert list(thai.MONTH_ABBRS) == list(range(1, 13))
    assert thai.MONTH_NAMES[1] == "มกราคม"
    assert thai.MONTH_NAMES[6] == "มิถุนายน"
    assert thai.MONTH_NAMES[11] == "พฤศจิกายน"
    assert [thai.MONTH_ABBRS[m] for m in (3, 4, 6, 11)] == ["มี.ค.", "เม.ย.", "มิ.ย.", "พ.ย."]
    assert thai.FISCAL_MONTHS == (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


# --- fiscal years ---------------------------------------------------------------------


def test_it_gives_fiscal_year_dates():
    assert thai.fiscal_year_dates(2565) == (date(2021, 10, 1), date(2022, 9, 30))
    assert thai.fiscal_year_dates(2567) == (date(2023, 10, 1), date(2024, 9, 30))


@pytest.mark.parametrize(
    ("value", "fiscal_year"),
    [
        (date(2021, 9, 30), 2564),
        (date(2021, 10, 1), 2565),
        (date(2021, 12, 31), 2565),
        (date(2022, 1, 1), 2565),
        (date(2022, 9, 30), 2565),
        (date(2022, 10, 1), 2566),
        (date(2024, 2, 29), 2567),
    ],
)
def test_it_finds_the_fiscal_year_of_a_date(value, fiscal_year):
    assert thai.fiscal_year_of(value) == fiscal_year


def test_it_puts_fiscal_year_bounds_inside_their_year():
    first, last = thai.fiscal_year_dates(2565)
    assert thai.fiscal_year_of(first) == 2565
    assert thai.fiscal_year_of(last) == 2565


def test_it_gives_the_calendar_year_of_a_fiscal_month():
    assert thai.fiscal_month_year_be(10, 2565) == 2564
    assert thai.fiscal_month_year_be(12, 2565) == 2564
    assert thai.fiscal_month_year_be(1, 2565) == 2565
    assert thai.fiscal_month_year_be(9, 2565) == 2565
    assert [thai.fiscal_month_year_be(m, 2565) for m in thai.FISCAL_MONTHS] == [2564] * 3 + [
        2565
    ] * 9
    for bad in (0, 13):
        with pytest.raises(ValueError):
            thai.fiscal_month_year_be(bad, 2565)


def test_it_labels_fiscal_years():
    assert thai.fiscal_year_label(2565) == "ปีงบประมาณ พ.ศ. 2565"
    assert thai.fiscal_year_label(2565, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๕"


# --- money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12500"), "12,500.00"),
        (Decimal("0.005"), "0.01"),
        (Decimal("0.004"), "0.00"),
        (Decimal("2.675"), "2.68"),  # a float 2.675 would round to 2.67
        (Decimal("1234567.891"), "1,234,567.89"),
        (Decimal("999.995"), "1,000.00"),
        (Decimal("-1234.5"), "-1,234.50"),
        (Decimal("-0.005"), "-0.01"),
        (Decimal("-0.001"), "0.00"),
        (Decimal("0"), "0.00"),
        (1000000, "1,000,000.00"),
        ("๑๒,๕๐๐.๕", "12,500.50"),
    ],
)
def test_it_formats_baht(amount, expected):
    assert thai.baht(amount) == expected


def test_it_formats_baht_with_thai_digits():
    assert thai.baht(Decimal("12500.5"), thai_digits=True) == "๑๒,๕๐๐.๕๐"


def test_it_formats_no_amount_as_empty():
    assert thai.baht(None) == ""
    assert thai.percent(None) == ""


def test_it_refuses_float_and_non_finite_money():
    with pytest.raises(TypeError):
        thai.baht(0.1)
    with pytest.raises(TypeError):
        thai.baht_text(12.5)
    with pytest.raises(ValueError):
        thai.baht(Decimal("NaN"))
    with pytest.raises(ValueError):
        thai.baht_text(Decimal("Infinity"))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12500"), "หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน"),
        (Decimal("0.29"), "ยี่สิบเก้าสตางค์"),
        (Decimal("0"), "ศูนย์บาทถ้วน"),
        (Decimal("0.00"), "ศูนย์บาทถ้วน"),
        (
            Decimal("1234567.01"),
            "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทหนึ่งสตางค์",
        ),
        (Decimal("100"), "หนึ่งร้อยบาทถ้วน"),
        (Decimal("21"), "ยี่สิบเอ็ดบาทถ้วน"),
        (Decimal("1"), "หนึ่งบาทถ้วน"),
        (Decimal("101"), "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (Decimal(1_000_000), "หนึ่งล้านบาทถ้วน"),
        (1_000_000, "หนึ่งล้านบาทถ้วน"),
        (Decimal("0.50"), "ห้าสิบสตางค์"),
        (Decimal("10.10"), "สิบบาทสิบสตางค์"),
        (Decimal("0.005"), "หนึ่งสตางค์"),
        (Decimal("0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("99.995"), "หนึ่งร้อยบาทถ้วน"),
        (Decimal("-250.75"), "ลบสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์"),
        (Decimal("-0.29"), "ลบยี่สิบเก้าสตางค์"),
        ("๑๒,๕๐๐", "หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน"),
    ],
)
def test_it_writes_baht_in_thai_words(amount, expected):
    assert thai.baht_text(amount) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.34"), "12.34"),
        (Decimal("12.345"), "12.35"),
        (Decimal("12.3449"), "12.34"),
        (Decimal("100"), "100.00"),
        (Decimal("1234.5"), "1234.50"),
        (Decimal("-0.125"), "-0.13"),
        (7, "7.00"),
    ],
)
def test_it_formats_percent(value, expected):
    assert thai.percent(value) == expected


def test_it_formats_percent_with_thai_digits():
    assert thai.percent(Decimal("12.345"), thai_digits=True) == "๑๒.๓๕"


# --- collation ------------------------------------------------------------------------

WORDS = ["ไก่", "เกิด", "กาล", "เป็ด", "หมู", "วัว", "วันที่"]
THAI_ORDER = ["กาล", "เกิด", "ไก่", "เป็ด", "วันที่", "วัว", "หมู"]


def test_it_sorts_in_thai_dictionary_order():
    assert sorted(WORDS) != THAI_ORDER  # code-point order puts เ/ไ words last
    assert thai.thai_sorted(WORDS) == THAI_ORDER
    assert thai.thai_sorted(reversed(THAI_ORDER)) == THAI_ORDER


def test_it_sorts_items_by_a_thai_key():
    items = [{"name": word, "n": n} for n, word in enumerate(WORDS)]
    result = thai.thai_sorted(items, key=lambda item: item["name"])
    assert [item["name"] for item in result] == THAI_ORDER
    assert result[0] is items[2]


def test_it_keeps_items_with_equal_keys_in_input_order():
    items = [("ข", 1), ("ก", 2), ("ข", 3), ("ก", 4)]
    assert thai.thai_sorted(items, key=lambda item: item[0]) == [
        ("ก", 2),
        ("ก", 4),
        ("ข", 1),
        ("ข", 3),
    ]
    assert thai.thai_sorted([]) == []


# --- template filters -----------------------------------------------------------------


def test_it_renders_dates_through_filters():
    d = date(2021, 10, 1)
    assert render("{{ d|thai_date }}", d=d) == "1 ตุลาคม พ.ศ. 2564"
    assert render("{{ d|thai_date_short }}", d=d) == "1 ต.ค. 64"
    assert render("{{ d|thai_date|thai_digits }}", d=d) == "๑ ตุลาคม พ.ศ. ๒๕๖๔"
    assert render("{{ d|thai_date }}", d="2024-02-29") == "29 กุมภาพันธ์ พ.ศ. 2567"
    assert render("{{ d|be_year }}", d=d) == "2564"
    assert render("{{ y|be_year }}", y=2024) == "2567"


def test_it_renders_aware_datetimes_on_the_local_day():
    # 18:00 UTC on 30 Sep is 01:00 on 1 Oct in Asia/Bangkok: a new fiscal year.
    moment = datetime(2021, 9, 30, 18, 0, tzinfo=UTC)
    assert render("{{ t|thai_date }}", t=moment) == "1 ตุลาคม พ.ศ. 2564"
    assert render("{{ t|thai_date_short }}", t=moment) == "1 ต.ค. 64"


def test_it_renders_money_through_filters():
    amount = Decimal("1234567.891")
    assert render("{{ a|baht }}", a=amount) == "1,234,567.89"
    assert render("{{ a|baht|thai_digits }}", a=amount) == "๑,๒๓๔,๕๖๗.๘๙"
    assert render("{{ a|baht_text }}", a=Decimal("0.29")) == "ยี่สิบเก้าสตางค์"
    assert render("{{ a|percent }}", a=Decimal("12.345")) == "12.35"
    assert render("{{ y|fiscal_year_label }}", y=2565) == "ปีงบประมาณ พ.ศ. 2565"
    assert render("{{ y|fiscal_year_label|thai_digits }}", y="๒๕๖๕") == "ปีงบประมาณ พ.ศ. ๒๕๖๕"


@pytest.mark.parametrize(
    "name",
    [
        "thai_date",
        "thai_date_short",
        "thai_digits",
        "baht",
        "baht_text",
        "percent",
        "fiscal_year_label",
        "be_year",
    ],
)
@pytest.mark.parametrize("value", [None, ""])
def test_it_renders_missing_values_as_empty(name, value):
    assert render("[{{ v|" + name + " }}]", v=value) == "[]"


def test_it_keeps_autoescaping_in_thai_digits():
    assert render("{{ s|thai_digits }}", s="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"
    assert render("{{ s|thai_digits }}", s=mark_safe("<b>1</b>")) == "<b>๑</b>"
