"""National scale: the same organization's pages in a database of the whole country and in a
database of one organization (issue 14). Not part of the test suite.

    python -m tests.benchmarks.national build DB ORGS [PROJECTS]   # once; PostgreSQL COPY
    python -m tests.benchmarks.national measure DB                  # prints JSON figures
    python -m tests.benchmarks.national compare NATIONAL_DB SINGLE_DB

``build`` drops and creates DB on the local server (127.0.0.1:5432), migrates it and loads
ORGS organizations with one announced plan of PROJECTS projects each (150 by default),
~1.08 budget lines and ~2.2 village links a project, titles varied from demo templates.
The organization measured is the first one, "sungmen", in both databases. ``compare``
measures both (each in its own process) and prints national against single.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime

SERVER = "postgres://postgres@127.0.0.1:5432"
TRIGRAM_INDEX = "project_search_words_trgm"  # projects/migrations/0008_search_words.py
PROVINCES = [f"จังหวัดทดสอบ{n}" for n in range(1, 77)]
TITLES = [
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหมู่ที่ {v} ถึงทุ่งนา",
    "ก่อสร้างรางระบายน้ำคอนกรีต หมู่ที่ {v}",
    "ปรับปรุงถนนลูกรังเพื่อการเกษตร หมู่ที่ {v}",
    "ขุดลอกลำเหมืองสาธารณะ หมู่ที่ {v}",
    "ขยายเขตไฟฟ้าแรงต่ำ หมู่ที่ {v}",
    "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ หมู่ที่ {v}",
    "รณรงค์ป้องกันและควบคุมโรคไข้เลือดออก",
    "ส่งเสริมสุขภาพผู้สูงอายุ",
    "อาหารกลางวันเด็กนักเรียน",
    "อาหารเสริม (นม) โรงเรียน",
    "แข่งขันกีฬาต้านยาเสพติด",
    "สืบสานประเพณีสงกรานต์",
    "ฝึกอบรมอาชีพแก่กลุ่มสตรี",
    "จัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล",
    "ซ่อมแซมระบบประปาหมู่บ้าน หมู่ที่ {v}",
    "ก่อสร้างลานอเนกประสงค์ หมู่ที่ {v}",
    "ป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาล",
    "ส่งเสริมการทำนาแบบปลอดสารพิษ",
    "ก่อสร้างฝายชะลอน้ำ หมู่ที่ {v}",
    "เบี้ยยังชีพผู้พิการ",
]
DETAILS = "ขนาดกว้าง {w} เมตร ยาว {length} เมตร หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า {area} ตารางเมตร"
SEARCHES = ["ถนน", "คอนกรีต", "หมู่ที่ 3", "ไข้เลือดออก", "ประปา", "ไฟฟ้า 250", "ฝาย", "นา"]


def _setup(db: str) -> None:
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{db}",
        DJANGO_SETTINGS_MODULE="sungmen_plan.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only",
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
        CACHE_URL="locmemcache://",
    )
    import django

    django.setup()


def build(db: str, orgs: int, per_plan: int = 150) -> None:
    subprocess.run(
        [
            "psql",
            "-q",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-c",
            f"DROP DATABASE IF EXISTS {db}",
            "-c",
            f"CREATE DATABASE {db}",
        ],
        check=True,
    )
    _setup(db)
    from django.core.management import call_command
    from django.db import connection

    from projects import words

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    now = datetime.now(UTC)
    text_cache: dict[tuple, str] = {}

    def search_words(t: int, v: int, length: int) -> str:
        key = (t, v, length)
        if key not in text_cache:
            text_cache[key] = words.text_words(TITLES[t].format(v=v), _details(length), "")
        return text_cache[key]

    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK triggers on load
        # A GIN index is built far faster at once than row by row during the load.
        cursor.execute(f"DROP INDEX {TRIGRAM_INDEX}")
        cursor.execute(
            "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined) VALUES (1, '', true, 'bench', '', '', '',"
            " true, true, now())"
        )

        def copy(table: str, columns: str, rows):
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as out:
                for row in rows:
                    out.write_row(row)

        def slug(i: int) -> str:
            # The first organization is the one measured against the single-organization run.
            return "sungmen" if i == 0 else f"org{i}"

        copy(
            "projects_organization",
            "id,name,short_name,kind,district,province,slug,executive_name,executive_title,is_demo",
            (
                (
                    i + 1,
                    f"องค์การบริหารส่วนตำบลทดสอบที่ {i}",
                    f"อบต.ทดสอบ{i}",
                    "sao",
                    f"อำเภอที่ {i // 76 % 12}",
                    PROVINCES[i % 76],
                    slug(i),
                    "",
                    "",
                    False,
                )
                for i in range(orgs)
            ),
        )
        copy(
            "projects_planperiod",
            "id,title,first_year,last_year,organization_id",
            ((i + 1, "แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565)", 2561, 2565, i + 1) for i in range(orgs)),
        )
        copy(
            "projects_strategy",
            "id,number,name,period_id",
            (
                (i * 5 + k + 1, k + 1, f"ยุทธศาสตร์การพัฒนาด้านที่ {k + 1}", i + 1)
                for i in range(orgs)
                for k in range(5)
            ),
        )
        copy(
            "projects_guideline",
            "id,number,name,strategy_id",
            (
                (i * 5 + k + 1, 1, f"แนวทางที่ {k + 1}", i * 5 + k + 1)
                for i in range(orgs)
                for k in range(5)
            ),
        )
        programs = [
            "เคหะและชุมชน",
            "สาธารณสุข",
            "การศึกษา",
            "บริหารงานทั่วไป",
            "การเกษตร",
            "สร้างความเข้มแข็งของชุมชน",
        ]
        copy(
            "projects_program",
            "id,code,name,organization_id",
            (
                (i * 6 + k + 1, f"00{k + 1}10", name, i + 1)
                for i in range(orgs)
                for k, name in enumerate(programs)
            ),
        )
        copy(
            "projects_department",
            'id,name,"order",organization_id',
            (
                (i * 2 + k + 1, name, k, i + 1)
                for i in range(orgs)
                for k, name in enumerate(["กองช่าง", "สำนักปลัด"])
            ),
        )
        copy(
            "projects_village",
            "id,number,name,organization_id",
            (
                (i * 10 + k + 1, k + 1, f"หมู่บ้านที่{k + 1}", i + 1)
                for i in range(orgs)
                for k in range(10)
            ),
        )
        copy(
            "projects_operationsplan",
            "id,fiscal_year,supplement_number,stage,created_at,updated_at,organization_id,period_id",
            ((i + 1, 2565, 0, "announced", now, now, i + 1, i + 1) for i in range(orgs)),
        )
        copy(
            "workflow_announcement",
            "id,announced_on,signer_name,signer_title,at,by_id,plan_id",
            (
                (i + 1, date(2021, 12, 15), "นายทดสอบ ภาระ", "นายก อบต.", now, 1, i + 1)
                for i in range(orgs)
            ),
        )

        def projects():
            for i in range(orgs):
                for j in range(per_plan):
                    t, v, length = (i + j) % len(TITLES), j % 10 + 1, 50 * (j % 20 + 1)
                    k = j % 5
                    yield (
                        i * per_plan + j + 1,
                        "pd02",
                        TITLES[t].format(v=v),
                        _details(length),
                        "",
                        "",
                        "own",
                        "",
                        json.dumps([10, 11, 12]),
                        "",
                        1,
                        now,
                        now,
                        i * 2 + 1,
                        i * 5 + k + 1,
                        i + 1,
                        i * 6 + j % 6 + 1,
                        i * 5 + k + 1,
                        search_words(t, v, length),
                    )

        copy(
            "projects_project",
            "id,form,title,details,output_target,location,ownership,agency,months,plan_reference,"
            "version,created_at,updated_at,department_id,guideline_id,plan_id,program_id,"
            "strategy_id,search_words",
            projects(),
        )
        total = orgs * per_plan

        def lines():
            n = 0
            for p in range(1, total + 1):
                for _ in range(2 if p % 12 == 0 else 1):
                    n += 1
                    yield (n, f"{(p % 40 + 1) * 12500}.00", "annual", "investment", "", "", p)

        copy("projects_budgetline", 'id,amount,source,"group",category,note,project_id', lines())

        def links():
            n = 0
            for p in range(total):
                org = p // per_plan
                for k in range(3 if p % 5 == 0 else 2):
                    n += 1
                    yield (n, p + 1, org * 10 + (p + k) % 10 + 1)

        copy("projects_project_villages", "id,project_id,village_id", links())
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute(
            f"CREATE INDEX {TRIGRAM_INDEX} ON projects_project "
            "USING gin (search_words gin_trgm_ops)"
        )
        for table in (
            "auth_user",
            "projects_organization",
            "projects_planperiod",
            "projects_strategy",
            "projects_guideline",
            "projects_program",
            "projects_department",
            "projects_village",
            "projects_operationsplan",
            "workflow_announcement",
            "projects_project",
            "projects_budgetline",
            "projects_project_villages",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(
        f"built {db}: {orgs} organizations × {per_plan} projects, {size}, "
        f"{time.perf_counter() - started:.0f} s"
    )


def _details(length: int) -> str:
    return DETAILS.format(w=4 + length % 3, length=length, area=length * 4)


def _timed(client, url, repeat=5, clear=False, **extra):
    from django.core.cache import cache
    from django.db import connection, reset_queries

    samples, sql, queries, status = [], [], [], None
    for _ in range(repeat):
        if clear:
            cache.clear()
        reset_queries()
        started = time.perf_counter()
        response = client.get(url, **extra)
        samples.append((time.perf_counter() - started) * 1000)
        queries, status = list(connection.queries), response.status_code
        sql.append(sum(float(q["time"]) for q in queries) * 1000)
    slowest = max(queries, key=lambda q: float(q["time"]), default={"sql": "", "time": "0"})
    return {
        "ms": round(statistics.median(samples), 1),
        "sql_ms": round(statistics.median(sql), 1),
        "queries": len(queries),
        "status": status,
        "bytes": len(response.content),
        "slowest": f"{float(slowest['time']) * 1000:.1f} ms {slowest['sql'][:160]}",
    }


def measure(db: str) -> dict:
    _setup(db)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True  # count queries; templates stay cached as in production
    client = Client()
    plan = "/p/sungmen/2565/"
    province = PROVINCES[0]
    figures = {
        "home": _timed(client, "/", clear=True),
        "home (cached)": _timed(client, "/"),
        "province": _timed(client, f"/?province={province}", clear=True),
        "organization": _timed(client, "/p/sungmen/", clear=True),
        "plan (uncached)": _timed(client, plan, clear=True),
        "plan (cached)": _timed(client, plan, repeat=20),
        "api catalogue": _timed(client, "/api/v1/organizations/", clear=True),
    }
    samples = []
    for query in SEARCHES:
        for scope in ({}, {"province": province}):
            for _ in range(3):
                started = time.perf_counter()
                response = client.get("/search/", {"q": query, **scope})
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
    samples.sort()
    figures["search p50"] = {"ms": round(samples[len(samples) // 2], 1)}
    figures["search p95"] = {"ms": round(samples[int(len(samples) * 0.95) - 1], 1)}
    from projects.models import Membership, Organization, Role

    staff, _ = get_user_model().objects.get_or_create(username="bench-staff")
    Membership.objects.get_or_create(
        user=staff,
        organization=Organization.objects.get(slug="sungmen"),
        role=Role.PLANNING_STAFF,
    )
    own = Client()
    own.force_login(staff)
    figures["staff /plans/"] = _timed(own, "/plans/")
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="bench"))
    figures["superuser /plans/"] = _timed(admin, "/plans/")
    figures["admin projects"] = _timed(admin, "/admin/projects/project/")
    figures["admin search"] = _timed(admin, "/admin/projects/project/?q=คอนกรีต")
    return figures


def compare(national: str, single: str) -> None:
    results = {}
    for db in (national, single):
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.national", "measure", db],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[db] = json.loads(out.strip().splitlines()[-1])
    print(
        f"{'page':<16} {'national':>9} {'single':>7} {'ratio':>5}   {'SQL ms n/s':>13}"
        "  queries n/s  bytes n/s"
    )
    for name, n in results[national].items():
        s = results[single][name]
        ratio = n["ms"] / s["ms"] if s["ms"] else float("nan")
        q = f"{n.get('queries', '-')}/{s.get('queries', '-')}"
        sql = f"{n.get('sql_ms', '-')}/{s.get('sql_ms', '-')}"
        size = f"{n.get('bytes', '-')}/{s.get('bytes', '-')}"
        print(
            f"{name:<16} {n['ms']:>9.1f} {s['ms']:>7.1f} {ratio:>5.2f}   {sql:>13}  {q:>11}  {size}"
        )
    for name, n in results[national].items():
        if "slowest" in n:
            print(f"  slowest query of {name} (national): {n['slowest']}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "build":
        build(args[0], int(args[1]), *(int(a) for a in args[2:]))
    elif command == "measure":
        print(json.dumps(measure(args[0])))
    elif command == "compare":
        compare(*args)
    else:
        raise SystemExit(__doc__)
