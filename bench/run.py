"""`make bench`: measure the site at national scale and check the budgets.

Steps (each prints its progress):
1. Databases: bench/national.sqlite3 (demo content + `generate_scale_data --scale national`)
   and bench/small.sqlite3 (demo content + the generator's tiny scale: the same kinds of
   records, 8 organisations), built once and reused (BENCH_REBUILD=1 rebuilds).
2. SQL queries per request for every public page and the main portal pages, in both databases
   (steady state, with the full-page cache off; the first request after a cache clear is shown too).
3. gunicorn with production settings (2 workers) under wrk (10 connections) for each public page,
   with the full-page cache on and off, and a static file from the same server as the ceiling.
4. Import of a 10,000-row progress-report XLSX (dry run, then confirm): seconds, peak memory.
5. PDFs: minutes of a meeting with 30 agenda items and 60 attendees; an organisation's
   yearly progress PDF: seconds, peak memory.
6. The observatory's aggregates at national scale: milliseconds cold and warm.

Writes bench/results.json: [{"name", "value", "unit", "budget", "status"}].
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
DURATION = os.environ.get("BENCH_DURATION", "8s")
CONNECTIONS = 10
SECRET = "bench-only-" + "x" * 50
RESULTS = []


def log(message):
    sys.stdout.write(f"[bench] {message}\n")
    sys.stdout.flush()


def env_for(db_path, **extra):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db_path}",
        DJANGO_SETTINGS_MODULE="network_site.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BASE_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(BENCH / "static"),
        MEDIA_ROOT=str(BENCH / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        BENCH_DB=str(db_path),
    )
    env.update(extra)
    return env


def manage(db_path, *args, **extra):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env_for(db_path, **extra), check=True)


def record(name, value, unit, budget=None, passed=None):
    status = None if passed is None else ("pass" if passed else "fail")
    RESULTS.append({"name": name, "value": value, "unit": unit, "budget": budget, "status": status})


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("installing wrk (apt-get install -y wrk)…")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def build_databases():
    rebuild = os.environ.get("BENCH_REBUILD") == "1"
    # Production settings use the static files' manifest, even to render the demo's PDFs.
    manage(":memory:", "collectstatic", "--noinput", "-v", "0")
    for name, scale in (("small", "tiny"), ("national", "national")):
        db = BENCH / f"{name}.sqlite3"
        if db.exists() and not rebuild:
            log(f"reusing {db.name}")
            continue
        db.unlink(missing_ok=True)
        log(f"building {db.name}…")
        manage(db, "migrate", "--noinput", "-v", "0")
        manage(db, "load_demo_data", "--quiet")
        started = time.monotonic()
        manage(db, "generate_scale_data", "--scale", scale)
        if name == "national":
            record("generate_scale_data --scale national (SQLite)", round(time.monotonic() - started, 1), "s")


def run_script(script, db_path, **extra):
    output = subprocess.run(
        [PY, str(BENCH / script)], cwd=ROOT, env=env_for(db_path, **extra), check=True, capture_output=True, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(db_path, cache_seconds):
    return start_gunicorn_env(env_for(db_path, PAGE_CACHE_SECONDS=str(cache_seconds)))


def start_gunicorn_env(env):
    port = free_port()
    process = subprocess.Popen(
        [PY, "-m", "gunicorn", "network_site.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - our own local server
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def parse_wrk(text):
    def to_ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", text, re.M))
    p = {}
    for key, value in latency.items():
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        p[key] = to_ms(number, unit)
    errors = 0
    for match in re.finditer(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        errors += sum(int(x) for x in match.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors += int(non2xx.group(1)) if non2xx else 0
    return rps, p.get("50"), p.get("99"), errors


def wrk(url):
    subprocess.run(["wrk", "-t2", "-c2", "-d1s", url], capture_output=True, check=False)  # warm-up
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def cache_header(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
        return response.headers.get("X-Page-Cache", "none")


def bench_pages(pages, static_path):
    national = BENCH / "national.sqlite3"
    for label, cache_seconds in (("cached", 600), ("uncached", 0)):
        process, base = start_gunicorn(national, cache_seconds)
        try:
            ceiling, *_ = wrk(base + static_path)
            record(f"static file ({label} run)", round(ceiling), "req/s")
            for name, path in pages.items():
                rps, p50, p99, errors = wrk(base + path)
                share = rps / ceiling * 100 if ceiling else 0
                record(f"{name} [{label}] throughput", round(rps), "req/s")
                record(f"{name} [{label}] p50", round(p50 or 0, 1), "ms")
                if label == "cached":
                    record(f"{name} [cached] share of static", round(share, 1), "%", ">= 50", share >= 50)
                    record(f"{name} [cached] p99", round(p99 or 0, 1), "ms")
                    header = cache_header(base + path)
                    record(f"{name} [cached] X-Page-Cache", header, "header", "hit", header == "hit")
                else:
                    record(f"{name} [uncached] share of static", round(share, 1), "%", ">= 5", share >= 5)
                    record(f"{name} [uncached] p99", round(p99 or 0, 1), "ms", "< 150", (p99 or 1e9) < 150)
                record(f"{name} [{label}] errors", errors, "count", "0", errors == 0)
        finally:
            stop(process)


def print_table():
    width = max(len(r["name"]) for r in RESULTS) + 2
    sys.stdout.write(f"\n{'figure':<{width}}{'value':>12} {'unit':<8}{'budget':<15}status\n")
    for r in RESULTS:
        value = r["value"]
        budget = r["budget"] or ""
        sys.stdout.write(f"{r['name']:<{width}}{value!s:>12} {r['unit']:<8}{budget:<15}{r['status'] or ''}\n")
    failed = [r for r in RESULTS if r["status"] == "fail"]
    sys.stdout.write(f"\n{len(RESULTS)} figures, {len(failed)} over budget.\n")


def main():
    os.chdir(ROOT)
    ensure_wrk()
    build_databases()
    national, small = BENCH / "national.sqlite3", BENCH / "small.sqlite3"

    log("discovering the pages to measure…")
    pages = run_script("pages.py", national)
    static_path = pages.pop("_static")

    log("counting SQL queries per request at two data sizes…")
    small_run = run_script("queries.py", small, PAGE_CACHE_SECONDS="0")
    national_run = run_script("queries.py", national, PAGE_CACHE_SECONDS="0")
    counts_small, counts_national = small_run["counts"], national_run["counts"]
    for name in national_run["counts"]:
        big, little = counts_national[name], counts_small.get(name)
        public = not name.startswith("portal")
        budget = "<= 12, equal" if public else "equal"
        ok = big == little and (big <= 12 or not public) and national_run["status"][name] == 200
        record(f"SQL queries: {name} (small/national)", f"{little}/{big}", "queries", budget, ok)
    for name, ms in national_run["ms"].items():
        record(f"server time per request, one process, no load: {name}", ms, "ms")
    for name, ms in national_run["cold_ms"].items():
        record(f"server time of the first request after a change, one process: {name}", ms, "ms")
    for name in national_run["cold"]:
        cold = f"{small_run['cold'].get(name)}/{national_run['cold'][name]}"
        record(f"SQL queries, first request after a change: {name}", cold, "queries")

    log("serving pages under load (this takes a few minutes)…")
    record("machine: CPUs, load average before the load test", f"{os.cpu_count()}, {os.getloadavg()[0]:.1f}", "")
    bench_pages(pages, static_path)
    record("machine: load average after the load test", round(os.getloadavg()[0], 1), "")

    log("importing 10,000 progress reports…")
    result = run_script("import_bench.py", national)
    valid = result["rows"] == 10_000 and result["errors"] == 0
    record(f"import: rows in the file, rows refused ({result['rows']}, {result['errors']})", result["rows"],
           "rows", "10000, 0", valid)  # fmt: skip
    record("import 10,000 rows: dry run", result["dry_run_s"], "s")
    record("import 10,000 rows: confirm", result["confirm_s"], "s")
    record("import 10,000 rows: dry run + confirm", result["total_s"], "s", "< 20", result["total_s"] < 20)
    record("import 10,000 rows: peak memory", result["peak_mb"], "MB", "< 500", result["peak_mb"] < 500)

    log("rendering PDFs…")
    result = run_script("pdf_bench.py", national)
    record("minutes PDF (30 items, 60 attendees)", result["minutes_s"], "s", "< 2", result["minutes_s"] < 2)
    record("minutes PDF, second rendering", result["minutes_warm_s"], "s")
    record("minutes PDF peak memory", result["minutes_peak_mb"], "MB")
    record("minutes PDF: open agreements listed for follow-up", result["minutes_follow_up_rows"], "rows")
    record("yearly progress PDF", result["progress_s"], "s")
    record("yearly progress PDF, second rendering", result["progress_warm_s"], "s")
    record("yearly progress PDF peak memory", result["progress_peak_mb"], "MB")

    log("observatory aggregates…")
    result = run_script("observatory_bench.py", national)
    record("observatory aggregates cold", result["cold_ms"], "ms", "< 300", result["cold_ms"] < 300)
    record("observatory aggregates warm", result["warm_ms"], "ms")
    record("observatory: commitments aggregates cold", result["commitments_cold_ms"], "ms")
    record("observatory: other apps' sections cold", result["sections_cold_ms"], "ms")

    (BENCH / "results.json").write_text(json.dumps(RESULTS, indent=2, ensure_ascii=False), encoding="utf-8")
    print_table()
    return 1 if any(r["status"] == "fail" for r in RESULTS) else 0


if __name__ == "__main__":
    sys.exit(main())
