"""Thai text search: words found inside Thai titles and details, within one plan only."""

import pytest

from projects.models import Project
from projects.search import query_words, search_projects
from tests.support import add_project


def found(world, query):
    return set(
        search_projects(Project.objects.filter(plan=world["plan"]), query).values_list(
            "title", flat=True
        )
    )


def test_it_cuts_a_thai_query_into_words():
    assert query_words("ถนนคอนกรีต") == ["ถนน", "คอนกรีต"]
    assert query_words("  ไข้เลือดออก ") == ["ไข้เลือดออก"]


def test_it_drops_function_words_unless_nothing_else_is_left():
    assert query_words("ถนนในหมู่บ้าน") == ["ถนน", "หมู่บ้าน"]
    assert query_words("ที่") == ["ที่"]


def test_it_reads_thai_digits_and_ignores_punctuation():
    assert query_words("หมู่ที่ ๓!") == ["หมู่", "3"]
    assert query_words("...") == []


@pytest.mark.django_db
def test_it_finds_words_that_stand_apart_in_the_text(world):
    add_project(world, title="ก่อสร้างถนนลูกรัง", details="เสริมผิวคอนกรีต ยาว 200 เมตร")
    add_project(world, title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายกลางบ้าน")
    add_project(world, title="ก่อสร้างรางระบายน้ำคอนกรีต")
    assert found(world, "ถนนคอนกรีต") == {
        "ก่อสร้างถนนลูกรัง",
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายกลางบ้าน",
    }
    # A word inside a longer token of the text ("คอนกรีตเสริมเหล็ก") is still found.
    assert found(world, "เสริมเหล็ก") == {"ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายกลางบ้าน"}


@pytest.mark.django_db
def test_it_searches_location_output_and_agency_and_ignores_case(world):
    add_project(world, title="ก", location="ลานอเนกประสงค์บ้านดอนมูล")
    add_project(world, title="ข", output_target="ผู้สูงอายุ 120 คน")
    add_project(world, title="ค", ownership="other_agency", agency="การไฟฟ้าส่วนภูมิภาค")
    add_project(world, title="ติดตั้ง WiFi ในศูนย์เด็กเล็ก")
    assert found(world, "ดอนมูล") == {"ก"}
    assert found(world, "ผู้สูงอายุ") == {"ข"}
    assert found(world, "ไฟฟ้า") == {"ค"}
    assert found(world, "wifi") == {"ติดตั้ง WiFi ในศูนย์เด็กเล็ก"}


@pytest.mark.django_db
def test_it_returns_everything_for_an_empty_query_and_nothing_for_an_absent_word(world):
    add_project(world, title="ก่อสร้างถนน")
    assert found(world, "") == {"ก่อสร้างถนน"}
    assert found(world, "สะพาน") == set()
