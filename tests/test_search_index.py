"""The PostgreSQL side of the search: the trigram index, and the check that refuses a
database whose ctype gives Thai no trigrams. These talk to the local PostgreSQL server
(127.0.0.1:5432) whichever database the rest of the suite runs on."""

import uuid

import psycopg
import pytest

from projects.checks import trigram_problem

SERVER = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@pytest.fixture
def database_with_ctype():
    created = []

    def make(ctype: str) -> psycopg.Connection:
        name = f"wt_ctype_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(
                f"CREATE DATABASE {name} LC_CTYPE '{ctype}' LC_COLLATE '{ctype}' "
                "TEMPLATE template0 ENCODING 'UTF8'"
            )
        created.append(name)
        connection = psycopg.connect(f"{SERVER.replace('dbname=postgres', '')} dbname={name}")
        connection.autocommit = True
        connection.execute("CREATE EXTENSION pg_trgm")
        return connection

    connections = []
    yield lambda ctype: connections.append(make(ctype)) or connections[-1]
    for connection in connections:
        connection.close()
    with psycopg.connect(SERVER, autocommit=True) as admin:
        for name in created:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")


def test_it_refuses_a_database_whose_ctype_gives_thai_no_trigrams(database_with_ctype):
    problem = trigram_problem(database_with_ctype("C").cursor())
    assert problem is not None
    assert "LC_CTYPE C" in problem and " 0 trigrams" in problem


def test_it_accepts_a_utf8_ctype(database_with_ctype):
    assert trigram_problem(database_with_ctype("C.UTF-8").cursor()) is None


def test_it_finds_a_thai_word_through_the_trigram_index(database_with_ctype):
    connection = database_with_ctype("C.UTF-8")
    connection.execute("CREATE TABLE t (id serial PRIMARY KEY, words text)")
    connection.execute(
        "INSERT INTO t (words) "
        "SELECT ' ก่อสร้าง ถนน สาย ' || g || ' ' FROM generate_series(1, 5000) g"
    )
    connection.execute("INSERT INTO t (words) VALUES (' คอนกรีตเสริมเหล็ก คอนกรีต ')")
    connection.execute("CREATE INDEX ON t USING gin (words gin_trgm_ops)")
    connection.execute("ANALYZE t")
    plan = "\n".join(
        row[0]
        for row in connection.execute("EXPLAIN SELECT id FROM t WHERE words LIKE '% คอนกรีต %'")
    )
    assert "Bitmap Index Scan" in plan
    rows = connection.execute("SELECT count(*) FROM t WHERE words LIKE '% คอนกรีต %'").fetchone()
    assert rows == (1,)
