"""Word-aware Thai search: whole words, whole numbers, compounds; the same on SQLite and
PostgreSQL (run the file with DATABASE_URL set to check the second)."""

import pytest

from projects import words
from projects.models import Project
from projects.search import search_projects
from tests.support import add_project


def found(world, query):
    projects = Project.objects.filter(plan=world["plan"])
    return set(search_projects(projects, query).values_list("title", flat=True))


def test_it_stores_words_between_spaces_with_digits_whole_and_ascii():
    stored = words.text_words("ก่อสร้างถนน หมู่ที่ ๗", "ยาว 1,500 เมตร")
    assert stored.startswith(" ") and stored.endswith(" ")
    assert " 7 " in stored and " 1500 " in stored
    assert " 15 " not in stored and " 1 " not in stored


def test_it_splits_a_compound_into_dictionary_words_but_not_into_letters():
    assert "คอนกรีต" in words.components("คอนกรีตเสริมเหล็ก")
    assert {"กรม", "ชลประทาน"} <= set(words.components("กรมชลประทาน"))
    # นายก is not นา + ยก: two-letter words do not count as parts.
    assert words.components("นายก") == ()
    assert words.components("wifi") == ()


@pytest.mark.django_db
def test_it_does_not_find_a_short_word_inside_an_unrelated_longer_one(world):
    add_project(world, title="ประชุมนายกองค์การบริหารส่วนตำบล")
    add_project(world, title="ขุดคลองส่งน้ำเข้านา")
    assert found(world, "นา") == {"ขุดคลองส่งน้ำเข้านา"}
    assert found(world, "นายก") == {"ประชุมนายกองค์การบริหารส่วนตำบล"}


@pytest.mark.django_db
def test_it_matches_numbers_as_whole_numbers_in_either_digits(world):
    add_project(world, title="ถนนคอนกรีต หมู่ที่ 7", details="ยาว 300 เมตร")
    add_project(world, title="ถนนคอนกรีต หมู่ที่ 3", details="ยาว 120 เมตร")
    add_project(world, title="ซ่อมท่อ หมู่ที่ 13", details="ค่าจ้าง 1,500 บาท")
    assert found(world, "หมู่ที่ 3") == {"ถนนคอนกรีต หมู่ที่ 3"}
    assert found(world, "หมู่ที่ ๓") == {"ถนนคอนกรีต หมู่ที่ 3"}
    assert found(world, "300") == {"ถนนคอนกรีต หมู่ที่ 7"}
    assert found(world, "1500") == found(world, "๑,๕๐๐") == {"ซ่อมท่อ หมู่ที่ 13"}
    assert found(world, "15") == set()


@pytest.mark.django_db
def test_it_finds_the_start_and_the_parts_of_a_compound(world):
    add_project(world, title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    add_project(world, title="ขุดลอกลำเหมือง", agency="กรมชลประทาน", ownership="other_agency")
    add_project(world, title="ก่อสร้างรางระบายน้ำ คอนกรีต เสริมเหล็ก")
    both = {"ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ก่อสร้างรางระบายน้ำ คอนกรีต เสริมเหล็ก"}
    assert found(world, "คอนกรีต") == both
    # Typed as one word, stored as two: all of its parts are words of the text.
    assert found(world, "คอนกรีตเสริมเหล็ก") == both
    assert found(world, "ชลประทาน") == {"ขุดลอกลำเหมือง"}


@pytest.mark.django_db
def test_it_keeps_the_words_current_when_a_project_is_saved(world):
    project = add_project(world, title="ก่อสร้างสะพาน")
    project.title = "ก่อสร้างถนน"
    project.save(update_fields=["title"])
    assert found(world, "ถนน") == {"ก่อสร้างถนน"}
    assert found(world, "สะพาน") == set()
