"""What the open-data catalogue says of a plan once it is followed: the files of its latest
closed round and its announced monitoring reports, as entries of the catalogue's JSON and
as a DCAT dataset of their own beside the plan's.

Everything comes from notices/portal/progress.py (``with_rounds``, ``plans_rounds``): a
closed round's snapshot and the reports announced with their document ready, never an
open round, nor a report still in committee or still rendering.

Why a dataset of its own in DCAT rather than more distributions of the plan's: DCAT-AP
makes every distribution a form of the same data, and the progress files are other data
(another schema, a new version each round) than the plan's projects. A dataset of its own
also has its own dct:modified, so a harvester that skips unchanged datasets still picks up
a closed round or a new report, while the plan's dataset stays as it was. ckanext-dcat
makes it a CKAN dataset of its own, related to the plan's by dct:relation, and matches
its resources from one harvest to the next by the distributions' @id, kept stable here.
"""

from notices.portal.progress import PublicReport
from notices.portal.progress_exports import round_metadata
from notices.portal.views import plan_kwargs
from projects.links import absolute_url
from projects.models import MonitoringRound, OperationsPlan

# (format, media type) of the latest closed round's files, as the citizens' downloads.
PROGRESS_FILES = [
    ("csv", "text/csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("json", "application/json"),
]
SHA256 = {"@id": "spdx:checksumAlgorithm_sha256"}


def progress_links(plan: OperationsPlan) -> dict:
    kwargs = plan_kwargs(plan)
    return {
        **{
            fmt: absolute_url("public:progress_download", **kwargs, fmt=fmt)
            for fmt, _media in PROGRESS_FILES
        },
        "api": absolute_url("public:api_progress", **kwargs),
        "schema": absolute_url("public:api_progress_schema"),
    }


def report_url(plan: OperationsPlan, round: MonitoringRound) -> str:
    return absolute_url("public:report_pdf", **plan_kwargs(plan), kind=round.kind)


def report_title(plan: OperationsPlan, round: MonitoringRound) -> str:
    return f"รายงานผลการติดตามและประเมินผล{plan.title} {round.get_kind_display()}"


def _iso(moment) -> str | None:
    # As stored (UTC), like the plan's own "modified" beside it.
    return moment.isoformat() if moment else None


def _known(node: dict) -> dict:
    """A JSON-LD node without the properties it has no value for (a null says nothing)."""
    return {key: value for key, value in node.items() if value is not None}


def catalog_progress(plan, latest: MonitoringRound | None) -> dict | None:
    """The catalogue's ``progress`` of a plan: null until a round of it is closed."""
    if latest is None:
        return None
    return {
        "round": round_metadata(latest),
        "modified": _iso(latest.closed_at),
        "links": progress_links(plan),
    }


def catalog_report(plan, report: PublicReport) -> dict:
    return {
        "title": report_title(plan, report.round),
        "round": round_metadata(report.round),
        "announced_on": report.announced_on.isoformat() if report.announced_on else None,
        "modified": _iso(report.rendered_at),
        "pdf": report_url(plan, report.round),
        "sha256": report.sha256,
        "size": report.size or None,
    }


def dcat_progress(
    plan, latest: MonitoringRound, reports: list[PublicReport], dataset: dict
) -> dict:
    """The plan's progress as a dcat:Dataset; ``dataset`` is the plan's own, whose
    publisher, place and page it shares."""
    page = dataset["@id"]
    own_id = f"{page}#progress"
    links = progress_links(plan)
    closed = _iso(latest.closed_at)
    files = [
        {
            "@id": f"{own_id}-{fmt}",
            "@type": "dcat:Distribution",
            "dct:title": f"{fmt.upper()} ผลการดำเนินงานรายโครงการ {latest.get_kind_display()}",
            "dct:format": fmt.upper(),
            "dcat:mediaType": media,
            "dcat:accessURL": links[fmt],
            "dcat:downloadURL": links[fmt],
            "dct:modified": closed,
            **({"dct:conformsTo": links["schema"]} if fmt == "json" else {}),
        }
        for fmt, media in PROGRESS_FILES
    ]
    api = {
        "@id": f"{own_id}-api",
        "@type": "dcat:Distribution",
        "dct:title": f"API ผลการดำเนินงานรายโครงการ {latest.get_kind_display()}",
        "dct:format": "JSON",
        "dcat:mediaType": "application/json",
        "dcat:accessURL": links["api"],
        "dct:modified": closed,
        "dct:conformsTo": links["schema"],
        "dcat:accessService": {
            "@type": "dcat:DataService",
            "dct:title": "API ข้อมูลเปิดแผนการดำเนินงาน รุ่น 1",
            "dcat:endpointURL": absolute_url("public:api_index"),
            "dcat:servesDataset": {"@id": own_id},
        },
    }
    documents = [_dcat_report(plan, report, own_id) for report in reports]
    periods = [latest, *(r.round for r in reports)]
    modified = max(
        filter(None, [latest.closed_at, *(r.rendered_at for r in reports)]), default=None
    )
    return _known(
        {
            "@id": own_id,
            "@type": "dcat:Dataset",
            "dct:identifier": f"{dataset['dct:identifier']}-progress",
            "dct:title": f"ผลการติดตามและประเมินผล{plan.title} {plan.organization.name}",
            "dct:description": f"สถานะ ความก้าวหน้า และการเบิกจ่ายของแต่ละโครงการใน{plan.title} "
            f"ของ{plan.organization.name} ตามรอบการติดตามที่ปิดแล้วล่าสุด "
            "และรายงานผลการติดตามและประเมินผลที่ประกาศแล้ว",
            "dct:modified": _iso(modified),
            "dct:language": "th",
            "dct:publisher": dataset["dct:publisher"],
            "dct:spatial": dataset["dct:spatial"],
            "dct:temporal": {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": min(r.period_start for r in periods).isoformat(),
                "dcat:endDate": max(r.period_end for r in periods).isoformat(),
            },
            "dct:relation": {"@id": page},
            "dcat:keyword": ["ผลการดำเนินงาน", "การติดตามและประเมินผล", *dataset["dcat:keyword"]],
            "dcat:landingPage": own_id,
            "dcat:distribution": [*files, api, *documents],
        }
    )


def _dcat_report(plan, report: PublicReport, dataset_id: str) -> dict:
    url = report_url(plan, report.round)
    announced = report.announced_on.isoformat() if report.announced_on else None
    return _known(
        {
            "@id": f"{dataset_id}-report-{report.round.kind}",
            "@type": "dcat:Distribution",
            "dct:title": report_title(plan, report.round),
            "dct:format": "PDF",
            "dcat:mediaType": "application/pdf",
            "dcat:accessURL": url,
            "dcat:downloadURL": url,
            "dct:issued": announced,
            "dct:modified": _iso(report.rendered_at) or announced,
            "dcat:byteSize": report.size or None,
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": SHA256,
                "spdx:checksumValue": report.sha256,
            },
        }
    )
