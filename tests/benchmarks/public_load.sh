#!/usr/bin/env bash
# Benchmark: requests per second for the public plan page of a 300-project plan, served by
# gunicorn on PostgreSQL:
#   cached    /p/bench/2565/        the page from the cache;
#   ignored   /p/bench/2565/?x=1    a parameter the page does not read: from the cache too;
#   uncached  /p/bench/2565/?q=ทดสอบ  a search, which bypasses the cache: tokenising the
#             query, the search query and the render of the matching projects. "ทดสอบ" is in
#             every benchmark project's title, so all rows are rendered (without the charts
#             a filtered page leaves out): the most a citizen's search can cost.
#   cached br / static br: the cached page asked with Accept-Encoding: br, against the very
#             same bytes precompressed and served as a static file by whitenoise in the same
#             gunicorn (issue 14: the app should reach half the static file's rate);
#   revalidate: the cached page asked with If-None-Match, answered 304.
#   bash tests/benchmarks/public_load.sh [projects] [seconds]
# BENCH_DB and BENCH_PORT choose the database and port (defaults sungmen_bench, 8123).
# Needs wrk (apt-get install wrk) and the local PostgreSQL; uses its own database
# sungmen_bench, dropped at the end. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECTS=${1:-300}
SECONDS_EACH=${2:-10}
DB=${BENCH_DB:-sungmen_bench}
PORT=${BENCH_PORT:-8123}
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" DJANGO_DEBUG=false
export DJANGO_SECRET_KEY=benchmark-only DJANGO_ALLOWED_HOSTS=127.0.0.1
export CACHE_URL="filecache://$(mktemp -d)"
export DJANGO_STATIC_ROOT="$(mktemp -d)"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'kill $GUNICORN 2>/dev/null || true; rm -rf "$DJANGO_STATIC_ROOT"; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB"' EXIT
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python -m tests.benchmarks.public_plan "$PROJECTS"
.venv/bin/gunicorn sungmen_plan.wsgi --bind 127.0.0.1:$PORT --workers 2 --log-level warning &
GUNICORN=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/p/bench/2565/" && break; sleep 0.2; done
echo "== cached: /p/bench/2565/"
wrk -t2 -c8 -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT/p/bench/2565/" | grep -E "Requests/sec|Latency|requests in"
echo "== ignored parameter: /p/bench/2565/?x=1"
wrk -t2 -c8 -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT/p/bench/2565/?x=1" | grep -E "Requests/sec|Latency|requests in"
SEARCH="q=%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A"  # q=ทดสอบ
echo "== uncached: /p/bench/2565/?q=ทดสอบ"
wrk -t2 -c8 -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT/p/bench/2565/?$SEARCH" | grep -E "Requests/sec|Latency|requests in"
BR="Accept-Encoding: gzip, deflate, br"
# The same bytes as a static file: what the app stored, as whitenoise serves precompressed
# files (plan.html beside plan.html.br and .gz); whitenoise reads its files at start-up.
mkdir -p "$DJANGO_STATIC_ROOT/bench"
curl -sf "http://127.0.0.1:$PORT/p/bench/2565/" -o "$DJANGO_STATIC_ROOT/bench/plan.html"
curl -sf -H "Accept-Encoding: br" "http://127.0.0.1:$PORT/p/bench/2565/" -o "$DJANGO_STATIC_ROOT/bench/plan.html.br"
curl -sf -H "Accept-Encoding: gzip" "http://127.0.0.1:$PORT/p/bench/2565/" -o "$DJANGO_STATIC_ROOT/bench/plan.html.gz"
ETAG=$(curl -sfI "http://127.0.0.1:$PORT/p/bench/2565/" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
kill $GUNICORN; wait $GUNICORN 2>/dev/null || true
.venv/bin/gunicorn sungmen_plan.wsgi --bind 127.0.0.1:$PORT --workers 2 --log-level warning &
GUNICORN=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/static/bench/plan.html" && break; sleep 0.2; done
echo "== cached br: /p/bench/2565/ ($(curl -s -H "$BR" "http://127.0.0.1:$PORT/p/bench/2565/" | wc -c) bytes)"
wrk -t2 -c8 -d"${SECONDS_EACH}s" -H "$BR" "http://127.0.0.1:$PORT/p/bench/2565/" | grep -E "Requests/sec|Latency|requests in"
echo "== static br: /static/bench/plan.html ($(curl -s -H "$BR" "http://127.0.0.1:$PORT/static/bench/plan.html" | wc -c) bytes)"
wrk -t2 -c8 -d"${SECONDS_EACH}s" -H "$BR" "http://127.0.0.1:$PORT/static/bench/plan.html" | grep -E "Requests/sec|Latency|requests in"
echo "== revalidate: /p/bench/2565/ If-None-Match $ETAG"
wrk -t2 -c8 -d"${SECONDS_EACH}s" -H "If-None-Match: $ETAG" "http://127.0.0.1:$PORT/p/bench/2565/" | grep -E "Requests/sec|Latency|requests in"
