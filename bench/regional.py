"""`make bench-regional`: the regional figures on PostgreSQL, checked against their budgets.

Steps (each prints its progress):
1. The database: PostgreSQL ``bench_regional`` (``BENCH_PG_URL``'s server, by default
   postgres://postgres@127.0.0.1:5432): demo content + ``generate_scale_data --scale regional``
   (10,000 organisations, 100,000 commitments, 1,000,000 progress reports spread over 6
   networks), built once into ``bench_regional_building`` and renamed when complete, then reused
   (``BENCH_REBUILD=1`` rebuilds; about 5 minutes on an idle 2-core machine).
2. In one process, production settings, full-page cache off (``bench/regional_measure.py``): each
   public page's first request after a change (<= 150 ms), each portal page (<= 30 ms, <= 12
   queries), the observatory's aggregates cold (<= 300 ms), the admin's listings (<= 200 ms).
3. The same query counts at national scale (``bench/national.sqlite3``, built by ``make bench``
   when missing): public and portal pages run as many queries on both data sets.
4. The mixed load test: gunicorn (production settings, full-page cache on, 2 workers), wrk on
   public pages while ``bench/mixed_writer.py`` saves two portal progress reports a second; each
   page keeps >= 50 % of the static file's throughput (measured alone on the same server).

Writes bench/results-regional.json; exits with 1 when a budget fails.
"""

import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

import run
from run import BENCH, PY, RESULTS, ROOT, log, print_table, record, wrk

PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_regional"
BUILDING = f"{DATABASE}_building"
CACHE_GENERATION_FILE = BENCH / "cache-generation-regional"


def pg_env(database=DATABASE, **extra):
    env = run.env_for(BENCH / "unused.sqlite3", **extra)
    env.update(
        DATABASE_URL=f"{PG_SERVER}/{database}",
        ALLOWED_HOSTS="127.0.0.1,localhost,.localhost",
        MEDIA_ROOT=str(BENCH / "media-regional"),
        CACHE_GENERATION_FILE=str(CACHE_GENERATION_FILE),
        # The admin's listings are measured for a superuser without a TOTP device.
        STAFF_MFA_REQUIRED="false",
    )
    env.pop("BENCH_DB", None)
    return env


def psql(sql, database="postgres"):
    output = subprocess.run(
        ["psql", f"{PG_SERVER}/{database}", "-Atc", sql], check=True, capture_output=True, text=True
    ).stdout
    return output.strip()


def exists(database):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"  # noqa: S608 - our own names


def manage(*args, database=DATABASE):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=pg_env(database), check=True)


def build_database():
    if exists(DATABASE) and os.environ.get("BENCH_REBUILD") != "1":
        log(f"reusing the PostgreSQL database {DATABASE} (migrated to the code's models)")
        manage("migrate", "--noinput", "-v", "0")
        return
    log(f"building the PostgreSQL database {DATABASE} (about 5 minutes)…")
    psql(f"DROP DATABASE IF EXISTS {BUILDING}")
    psql(f"CREATE DATABASE {BUILDING}")
    started = time.monotonic()
    manage("migrate", "--noinput", "-v", "0", database=BUILDING)
    manage("load_demo_data", "--quiet", database=BUILDING)
    generated = time.monotonic()
    manage("generate_scale_data", "--scale", "regional", database=BUILDING)
    record("generate_scale_data --scale regional (PostgreSQL)", round(time.monotonic() - generated, 1), "s")
    record("regional database built in", round(time.monotonic() - started, 1), "s")
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"ALTER DATABASE {BUILDING} RENAME TO {DATABASE}")


def run_script(script, env):
    output = subprocess.run([PY, str(BENCH / script)], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure():
    result = run_script("regional_measure.py", pg_env(PAGE_CACHE_SECONDS="0"))
    status = result["status"]
    for name, ms in result["public_cold_ms"].items():
        ok = ms <= 150 and status.get(name) == 200
        record(f"regional: {name}, first request after a change", ms, "ms", "<= 150", ok)
    for name, ms in result["public_ms"].items():
        record(f"regional: {name}, steady", ms, "ms")
    for name, count in result["public_counts"].items():
        cold = result["public_cold_counts"][name]
        record(f"regional: SQL queries {name} (steady, first after a change)", f"{count}, {cold}", "queries")
    for name, ms in result["portal_ms"].items():
        count = result["portal_counts"][name]
        record(f"regional: {name}", ms, "ms", "<= 30", ms <= 30 and status.get(name) == 200)
        record(f"regional: SQL queries {name}", count, "queries", "<= 12", count <= 12)
    for name, ms in result["observatory_cold_ms"].items():
        record(f"regional: {name} aggregates cold", ms, "ms", "<= 300", ms <= 300)
    for name, ms in result["admin_ms"].items():
        ok = ms <= 200 and result["admin_status"].get(name) == 200
        record(f"regional: {name}", ms, "ms", "<= 200", ok)
    return result


def compare_counts(regional):
    national_db = BENCH / "national.sqlite3"
    if not national_db.exists():
        log("building the national SQLite databases first (make bench's)…")
        run.build_databases()
    national = run.run_script("queries.py", national_db, PAGE_CACHE_SECONDS="0")
    counts = {**regional["public_counts"], **regional["portal_counts"]}
    for name, count in counts.items():
        other = national["counts"].get(name)
        if other is None:
            continue
        record(f"SQL queries: {name} (national/regional)", f"{other}/{count}", "queries", "equal", other == count)


def mixed_load(pages):
    """wrk on public pages while portal users save two reports a second."""
    process, base = run.start_gunicorn_env(pg_env(PAGE_CACHE_SECONDS="600"))
    try:
        ceiling, *_ = wrk(base + urlsplit(pages.pop("_static")).path)
        record("mixed load: static file alone", round(ceiling), "req/s")
        for name, url in pages.items():
            path = urlsplit(url).path  # the default site answers the server's own address
            writer = subprocess.Popen(
                [PY, str(BENCH / "mixed_writer.py")],
                cwd=ROOT,
                env=pg_env(BENCH_SERVER=base, BENCH_WRITER_SECONDS=str(float(run.DURATION.rstrip("s")) + 1)),
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(1.5)  # the writer's Django set-up, then its saves run through the whole wrk run
            rps, _p50, p99, errors = wrk(base + path)
            written = json.loads(writer.communicate(timeout=120)[0].strip().splitlines()[-1])
            share = rps / ceiling * 100 if ceiling else 0
            record(f"mixed load: {name} throughput", round(rps), "req/s")
            record(f"mixed load: {name} share of static", round(share, 1), "%", ">= 50", share >= 50)
            record(f"mixed load: {name} p99", round(p99 or 0, 1), "ms")
            record(f"mixed load: {name} errors", errors, "count", "0", errors == 0)
            rate = written["saves"] / written["seconds"] if written["seconds"] else 0
            ok = written["errors"] == 0 and rate >= 1.5
            record(f"mixed load: {name} portal saves during the run (per second)", round(rate, 2), "saves/s",
                   ">= 1.5, no error", ok)  # fmt: skip
    finally:
        run.stop(process)


def main():
    os.chdir(ROOT)
    run.ensure_wrk()
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=pg_env(), check=True)
    build_database()
    load = os.getloadavg()
    record("machine: CPUs, load average (1, 5, 15 min) at the start", f"{os.cpu_count()}, "
           + ", ".join(f"{value:.1f}" for value in load), "")  # fmt: skip
    log("measuring pages, portal, observatory and admin in one process…")
    regional = measure()
    log("comparing query counts with the national data…")
    compare_counts(regional)
    log("mixed load test (public readers, portal writers)…")
    pages = run_script("pages.py", pg_env())
    mixed_load(pages)
    record("machine: load average after the load test", round(os.getloadavg()[0], 1), "")
    (BENCH / "results-regional.json").write_text(json.dumps(RESULTS, indent=2, ensure_ascii=False), encoding="utf-8")
    print_table()
    return 1 if any(r["status"] == "fail" for r in RESULTS) else 0


if __name__ == "__main__":
    sys.exit(main())
