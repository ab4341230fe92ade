"""A project row names its villages with the organization's own word for its units."""

from projects.models.organization import UnitKind
from projects.templatetags.plan_rows import where
from tests.support import add_project


def test_it_names_villages_by_number(world):
    project = add_project(world, location="ริมทางหลวง")
    project.villages.set(world["villages"])
    assert where(project) == "ริมทางหลวง · หมู่ที่ 1, 2"


def test_it_names_communities_where_the_organization_has_communities(world):
    project = add_project(world, location="")
    for village in world["villages"]:
        village.unit = UnitKind.COMMUNITY
        village.save()
    project.villages.set(world["villages"])
    assert where(project) == "ชุมชนที่ 1, 2"
