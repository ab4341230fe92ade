"""Open data, version 1: catalogue, per-plan JSON with its schema, DCAT for CKAN; announced
plans only, no login, paginated, rate-limited."""

import json

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from notices.portal import api
from tests.support import add_plan, add_project, announce, fill, make_world

SITE = settings.SITE_URL.rstrip("/")


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


@pytest.fixture
def published(world, other_world):
    fill(world, 5)
    add_project(world, title="ถนน", amounts=("100", "23.50"))
    plan = announce(world["plan"])
    add_plan(world, 2566)  # a draft: never in the open data
    return plan


def test_it_lists_organizations_with_their_announced_plans_only(client, published):
    data = get_json(client, reverse("public:api_catalog"))
    assert data["version"] == "1"
    by_slug = {o["slug"]: o for o in data["organizations"]}
    assert set(by_slug) == {"sungmen", "donmun"}
    assert by_slug["donmun"]["plans"] == []
    [plan] = by_slug["sungmen"]["plans"]
    assert plan["fiscal_year"] == 2565
    assert plan["links"]["json"] == f"{SITE}/api/v1/plans/sungmen/2565/"
    assert plan["links"]["page"] == f"{SITE}/p/sungmen/2565/"
    assert "2566" not in json.dumps(data)


def test_it_pages_the_catalogue(client, published, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    first = get_json(client, reverse("public:api_catalog"))
    assert [o["slug"] for o in first["organizations"]] == ["donmun"]
    assert first["links"]["next"].endswith("/api/v1/organizations/?page=2")
    second = get_json(client, reverse("public:api_catalog"), page=2)
    assert [o["slug"] for o in second["organizations"]] == ["sungmen"]
    assert second["links"]["next"] is None
    assert client.get(reverse("public:api_catalog"), {"page": "9"}).status_code == 404
    assert client.get(reverse("public:api_catalog"), {"page": "x"}).status_code == 404


def test_it_publishes_each_plan_as_json_that_its_schema_describes(client, published):
    schema = get_json(client, reverse("public:api_schema"))
    jsonschema.Draft202012Validator.check_schema(schema)
    plan = get_json(client, "/api/v1/plans/sungmen/2565/")
    jsonschema.validate(plan, schema, format_checker=jsonschema.FormatChecker())
    assert plan["total"] == "10128.50"  # 5 × 2 × 1,000.50 + 123.50
    assert len(plan["projects"]) == 6
    broken = {**plan, "total": 10128.5}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_it_answers_404_in_json_for_a_draft_or_unknown_plan(client, published):
    for address in ("/api/v1/plans/sungmen/2566/", "/api/v1/plans/nowhere/2565/"):
        response = client.get(address)
        assert response.status_code == 404
        assert json.loads(response.content) == {"error": "ไม่พบข้อมูลที่ขอ"}


def test_it_describes_the_catalogue_as_dcat_for_a_ckan_harvester(client, published):
    response = client.get(reverse("public:api_dcat"))
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@type"] == "dcat:Catalog"
    [dataset] = data["dcat:dataset"]
    assert dataset["dct:identifier"] == "sungmen-2565-0"
    assert dataset["dct:issued"] == "2021-12-15"
    formats = {d["dct:title"]: d for d in dataset["dcat:distribution"]}
    assert set(formats) == {"JSON", "CSV", "XLSX", "PDF"}
    assert formats["JSON"]["dct:conformsTo"] == f"{SITE}/api/v1/schema/plan.json"


def test_it_limits_the_requests_of_one_address(client, published, monkeypatch):
    monkeypatch.setattr(api, "RATE_LIMIT", 3)
    statuses = [client.get(reverse("public:api_index")).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = client.get(reverse("public:api_catalog"))
    assert limited["Retry-After"] == "60"
    assert "มีคำขอมากเกินไป" in json.loads(limited.content)["error"]
    other = client.get(reverse("public:api_index"), REMOTE_ADDR="127.0.0.2")
    assert other.status_code == 200


def test_it_shows_a_newly_announced_plan_in_the_catalogue(client, published, db):
    neighbour = make_world("bannai", "องค์การบริหารส่วนตำบลบ้านใน")
    before = get_json(client, reverse("public:api_catalog"))
    assert "bannai" not in {o["slug"] for o in before["organizations"] if o["plans"]}
    announce(neighbour["plan"])
    after = get_json(client, reverse("public:api_catalog"))
    assert "bannai" in {o["slug"] for o in after["organizations"] if o["plans"]}


def test_it_refuses_writes(client, published):
    assert client.post(reverse("public:api_catalog")).status_code == 405
