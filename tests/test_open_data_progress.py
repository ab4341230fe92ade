"""The open-data catalogue and DCAT feed list a followed plan's progress files and its
announced monitoring reports: what each says, that a cached page follows a round closed, a
report announced and its PDF issued, and that a page costs the same queries for one
organization or many, each with its rounds and reports.

What must never show (open rounds, unannounced plans and reports, other organizations) is
in tests/test_open_data_progress_leaks.py. Rounds go through workflow.rounds and
notices.reports (tests/progress_support.py).
"""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from notices.models import ReportDocument
from projects.models import Role, RoundKind
from tests.progress_support import (
    REPORT_PDF,
    announce_report,
    approve,
    close,
    followed_plan,
    issue_report,
    open_round,
    reported,
)
from tests.support import add_plan, announce, fill, make_user, make_world

pytestmark = pytest.mark.django_db
SITE = settings.SITE_URL.rstrip("/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
PAGE = f"{SITE}/p/sungmen/2565/"
HALF_YEAR = str(RoundKind.HALF_YEAR.label)
# A page built: the organizations; their announced plans with their rounds' state (one
# query, subqueries); the plans' closed rounds with their documents and announcements.
CATALOG_BUILT = 3
# A page from the cache: the two queries its key is made of.
CATALOG_CACHED = 2


def get_json(client, name: str) -> dict:
    response = client.get(reverse(f"public:{name}"))
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def our_plan(catalog: dict, slug: str = "sungmen", year: int = 2565) -> dict:
    [org] = [o for o in catalog["organizations"] if o["slug"] == slug]
    [plan] = [p for p in org["plans"] if p["fiscal_year"] == year]
    return plan


def datasets(feed: dict) -> dict[str, dict]:
    return {d["@id"]: d for d in feed["dcat:dataset"]}


@pytest.fixture
def followed(world, personas, django_capture_on_commit_callbacks):
    """Our plan with its half-year round reported to the end, its report issued."""
    plan, _projects = followed_plan(world)
    return reported(plan, personas, django_capture_on_commit_callbacks)


def test_it_lists_the_latest_closed_rounds_files_and_the_issued_report(client, followed):
    half = followed
    entry = our_plan(get_json(client, "api_catalog"))
    progress = entry["progress"]
    assert progress["round"] == {
        "kind": "half_year",
        "name": HALF_YEAR,
        "period_start": "2021-10-01",
        "period_end": "2022-03-31",
        "closed_on": "2022-04-05",
        "report_announced": True,
    }
    assert progress["modified"].startswith("2022-04-05T")
    assert progress["links"] == {
        "csv": f"{PAGE}progress.csv",
        "xlsx": f"{PAGE}progress.xlsx",
        "json": f"{PAGE}progress.json",
        "api": f"{SITE}/api/v1/plans/sungmen/2565/progress/",
        "schema": f"{SITE}/api/v1/schema/progress.json",
    }
    document = ReportDocument.objects.get(round=half)
    [report] = entry["reports"]
    assert report == {
        "title": f"รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565 {HALF_YEAR}",
        "round": progress["round"],
        "announced_on": "2022-04-20",
        "modified": report["modified"],
        "pdf": f"{PAGE}reports/half_year.pdf",
        "sha256": document.sha256,
        "size": len(REPORT_PDF),
    }
    assert report["modified"].startswith("2022-04-21T")  # rendered the day after
    # Every address listed answers, with the bytes whose hash is listed.
    for url in [*progress["links"].values(), report["pdf"]]:
        assert client.get(url.removeprefix(SITE)).status_code == 200, url
    assert client.get(report["pdf"].removeprefix(SITE))["X-Content-SHA256"] == report["sha256"]


def test_a_plan_not_followed_yet_has_no_progress_and_no_reports(client, world):
    announce(world["plan"])
    entry = our_plan(get_json(client, "api_catalog"))
    assert entry["progress"] is None and entry["reports"] == []
    assert list(datasets(get_json(client, "api_dcat"))) == [PAGE]


# rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_it_describes_progress_as_a_dataset_of_its_own_that_a_ckan_harvester_reads(
    client, followed
):
    half = followed
    response = client.get(reverse("public:api_dcat"))
    feed = json.loads(response.content)
    by_id = datasets(feed)
    assert set(by_id) == {PAGE, f"{PAGE}#progress"}
    progress = by_id[f"{PAGE}#progress"]
    assert progress["dct:identifier"] == "sungmen-2565-0-progress"
    assert progress["dct:relation"] == {"@id": PAGE}
    assert progress["dct:temporal"]["dcat:startDate"] == "2021-10-01"
    assert progress["dct:temporal"]["dcat:endDate"] == "2022-03-31"
    # The plan's own dataset keeps its four files.
    assert len(by_id[PAGE]["dcat:distribution"]) == 4

    # Read as RDF, the way ckanext-dcat's parser reads it (rdflib).
    graph = Graph().parse(data=response.content, format="json-ld")
    dataset = URIRef(f"{PAGE}#progress")
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    found = {}
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        found[str(distribution).removeprefix(f"{PAGE}#progress-")] = distribution
    assert set(found) == {"csv", "xlsx", "json", "api", "report-half_year"}
    media = {key: str(graph.value(d, DCAT.mediaType)) for key, d in found.items()}
    assert media == {
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json",
        "api": "application/json",
        "report-half_year": "application/pdf",
    }
    formats = {key: str(graph.value(d, DCTERMS["format"])) for key, d in found.items()}
    assert formats == {
        "csv": "CSV",
        "xlsx": "XLSX",
        "json": "JSON",
        "api": "JSON",
        "report-half_year": "PDF",
    }
    for key, distribution in found.items():
        assert str(graph.value(distribution, DCTERMS.modified)).startswith("2022-04-"), key
    schema = Literal(f"{SITE}/api/v1/schema/progress.json")
    assert (found["json"], DCTERMS.conformsTo, schema) in graph
    assert (found["api"], DCTERMS.conformsTo, schema) in graph
    assert str(graph.value(found["csv"], DCAT.downloadURL)) == f"{PAGE}progress.csv"
    assert str(graph.value(found["api"], DCAT.accessURL)) == (
        f"{SITE}/api/v1/plans/sungmen/2565/progress/"
    )
    report = found["report-half_year"]
    assert str(graph.value(report, DCAT.downloadURL)) == f"{PAGE}reports/half_year.pdf"
    assert str(graph.value(report, DCTERMS.issued)) == "2022-04-20"
    assert int(graph.value(report, DCAT.byteSize)) == len(REPORT_PDF)
    checksum = graph.value(report, SPDX.checksum)
    assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    sha256 = ReportDocument.objects.get(round=half).sha256
    assert str(graph.value(checksum, SPDX.checksumValue)) == sha256
    # The files have no checksum: a new round closed replaces their bytes.
    assert graph.value(found["csv"], SPDX.checksum) is None


def test_a_cached_catalogue_follows_a_round_closed_a_report_announced_and_issued(
    client, world, personas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    staff = personas["staff"]
    plan, _projects = followed_plan(world)
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)

    def both():
        return our_plan(get_json(client, "api_catalog")), datasets(get_json(client, "api_dcat"))

    entry, feed = both()
    assert entry["progress"] is None and f"{PAGE}#progress" not in feed
    close(half, staff, capture)
    entry, feed = both()
    assert entry["progress"]["round"]["report_announced"] is False
    assert f"{PAGE}#progress" in feed
    approve(half, staff, personas["monitor"])
    announce_report(half, personas["executive"], capture)
    entry, feed = both()
    # Announced, its PDF not issued yet: the round says so, the report is not listed.
    assert entry["progress"]["round"]["report_announced"] is True
    assert entry["reports"] == []
    assert len(feed[f"{PAGE}#progress"]["dcat:distribution"]) == 4
    etag = client.get(reverse("public:api_catalog"))["ETag"]
    issue_report(half)
    entry, feed = both()
    assert [r["round"]["kind"] for r in entry["reports"]] == ["half_year"]
    assert len(feed[f"{PAGE}#progress"]["dcat:distribution"]) == 5
    assert client.get(reverse("public:api_catalog"))["ETag"] != etag


@pytest.fixture(params=[1, 4], ids=["1-organization", "4-organizations"])
def country(request, db, django_capture_on_commit_callbacks):
    """Organizations each with two announced plans: the main one with its half-year and
    first-quarter rounds reported to the end and its full-year round open, the supplement
    with a closed round whose report is still in committee."""
    capture = django_capture_on_commit_callbacks
    for n in range(request.param):
        world = make_world(f"org{n}", f"องค์การบริหารส่วนตำบลที่ {n}")
        org = world["org"]
        people = {
            "staff": make_user(f"staff{n}", org, Role.PLANNING_STAFF),
            "monitor": make_user(f"monitor{n}", org, Role.MONITORING_COMMITTEE),
            "executive": make_user(f"executive{n}", org, Role.EXECUTIVE),
        }
        fill(world, 3)
        plan = announce(world["plan"])
        reported(plan, people, capture)
        reported(plan, people, capture, kind=RoundKind.QUARTER_1)
        open_round(plan, people["staff"])
        supplement = add_plan(world, 2565, supplement=1)
        fill(world, 2, plan=supplement)
        announce(supplement)
        second = open_round(supplement, people["staff"], kind=RoundKind.HALF_YEAR)
        close(second, people["staff"], capture)
        approve(second, people["staff"], people["monitor"])
    return request.param


@pytest.mark.parametrize("name", ["api_catalog", "api_dcat"])
def test_a_catalogue_page_costs_the_same_queries_for_one_organization_or_many(
    client, country, name, django_assert_num_queries
):
    with django_assert_num_queries(CATALOG_BUILT):
        response = client.get(reverse(f"public:{name}"))
    data = json.loads(response.content)
    # Each organization's rounds and reports are there: both plans' closed rounds, and the
    # main plan's two issued reports (the supplement's is still in committee).
    if name == "api_catalog":
        plans = [p for o in data["organizations"] for p in o["plans"]]
        followed = [p for p in plans if p["progress"] is not None]
        reports = [r for p in plans for r in p["reports"]]
    else:
        followed = [d for d in data["dcat:dataset"] if d["@id"].endswith("#progress")]
        reports = [
            d
            for dataset in followed
            for d in dataset["dcat:distribution"]
            if d["dcat:mediaType"] == "application/pdf"
        ]
    assert len(followed) == 2 * country
    assert sorted({r["pdf"] if "pdf" in r else r["dcat:downloadURL"] for r in reports}) == sorted(
        f"{SITE}/p/org{n}/2565/reports/{kind}.pdf"
        for n in range(country)
        for kind in ("half_year", "quarter_1")
    )
    with django_assert_num_queries(CATALOG_CACHED):
        assert client.get(reverse(f"public:{name}")).content == response.content
