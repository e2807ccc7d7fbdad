"""`make deploy-test`: the production stack on this machine, built from deploy/ and torn down after.

With DEPLOY_TEST=1 (the Makefile's deploy-test sets it) the session fixture ``stack``:

1. drops and creates the PostgreSQL database ``deploytest`` (127.0.0.1:5432, user postgres) and
   empties Redis database 9 (nothing else of Redis);
2. takes deploy/red.env.example as the environment, with the test's secret, hosts, database,
   Redis, folders (a temporary directory), plain http and a file-based e-mail backend;
3. runs migrate and collectstatic, loads the demo content (load_demo_data) and the test's own
   records (tests/deploy/fixtures.py);
4. starts two gunicorn instances as deploy/systemd/red-gunicorn@.service does (its
   deploy/gunicorn.conf.py), one `manage.py db_worker` as red-worker.service does, and nginx with
   deploy/nginx/red-locations.conf and red.conf's upstream block (paths and ports of the test);
5. tears everything down at the end, failed or not.

Without DEPLOY_TEST the tests of this folder are skipped (the normal suite).
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
DATABASE = "deploytest"
REDIS_URL = "redis://127.0.0.1:6379/9"
NGINX_PORT = int(os.environ.get("DEPLOY_TEST_PORT", "8480"))
GUNICORN_PORTS = {"a": NGINX_PORT + 1, "b": NGINX_PORT + 2}


def log(message):
    sys.stderr.write(f"[deploy-test] {message}\n")
    sys.stderr.flush()


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DEPLOY_TEST") == "1":
        return
    skip = pytest.mark.skip(reason="the deploy test runs with `make deploy-test` (DEPLOY_TEST=1)")
    for item in items:
        if "tests/deploy/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


def read_env_file(path):
    """KEY=value lines of an environment file as systemd's EnvironmentFile reads them."""
    env = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        env[key.strip()] = value.strip()
    return env


def run(*args, env=None, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


class Stack:
    def __init__(self, root):
        self.root = root
        self.processes = {}
        self.url = f"http://127.0.0.1:{NGINX_PORT}"
        self.instance_urls = {name: f"http://127.0.0.1:{port}" for name, port in GUNICORN_PORTS.items()}
        self.mail_dir = root / "mail"
        self.env = self.environment()

    # --- set-up ---------------------------------------------------------------------------

    def environment(self):
        env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        env.update(read_env_file(DEPLOY / "red.env.example"))
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost,.localhost",
            BASE_URL=self.url,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            REDIS_URL=REDIS_URL,
            STATIC_ROOT=str(self.root / "static_collected"),
            MEDIA_ROOT=str(self.root / "media"),
            PRIVATE_MEDIA_ROOT=str(self.root / "private_media"),
            # Plain http on this machine: no redirect to https, cookies sent over http.
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            GUNICORN_WORKERS="2",
            GUNICORN_LOG_LEVEL="warning",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args, **kwargs):
        return run(str(VENV_BIN / "python"), "manage.py", *args, env=self.env, **kwargs)

    def shell(self, code):
        """Run Python in `manage.py shell` with the stack's settings; its last printed line."""
        output = self.manage("shell", "-c", code, capture_output=True, text=True).stdout
        return output.strip().splitlines()[-1] if output.strip() else ""

    def prepare(self):
        for name in ("static_collected", "media", "private_media", "mail", "nginx"):
            (self.root / name).mkdir()
        start_postgresql()
        log(f"fresh database {DATABASE}, Redis db 9 emptied")
        for sql in (f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{DATABASE}"'):
            run("psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        started = time.monotonic()
        log("migrate and collectstatic…")
        collect = subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=self.env
        )
        self.manage("migrate", "--noinput", "-v", "0")
        if collect.wait() != 0:
            raise RuntimeError("collectstatic failed")
        log(f"load_demo_data… ({time.monotonic() - started:.0f} s so far)")
        self.manage("load_demo_data", "--quiet", stdout=subprocess.DEVNULL)
        self.fixtures = json.loads(self.shell("from tests.deploy.fixtures import main; main()"))
        log(f"data ready ({time.monotonic() - started:.0f} s)")
        # nginx's workers (user nobody) read the files like www-data does in production.
        for path in [self.root, *self.root.rglob("*")]:
            path.chmod(path.stat().st_mode | (0o755 if path.is_dir() else 0o644))

    # --- processes ------------------------------------------------------------------------

    def start(self, name, args, log_name=None):
        handle = open(self.root / f"{log_name or name}.log", "ab")  # noqa: SIM115 - kept open while it runs
        self.processes[name] = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_gunicorn(self, name):
        port = GUNICORN_PORTS[name]
        # As deploy/systemd/red-gunicorn@.service's ExecStart.
        self.start(
            f"gunicorn-{name}",
            [
                str(VENV_BIN / "gunicorn"),
                "--config",
                str(DEPLOY / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--pid",
                str(self.root / f"gunicorn-{name}.pid"),
            ],
        )
        wait_for(f"{self.instance_urls[name]}/healthz", self.processes[f"gunicorn-{name}"])

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    def reload_gunicorn(self, name):
        """`systemctl reload red-gunicorn@<port>`: kill -HUP (new workers, the port stays open)."""
        os.kill(self.processes[f"gunicorn-{name}"].pid, signal.SIGHUP)

    def write_nginx_config(self):
        locations = (DEPLOY / "nginx" / "red-locations.conf").read_text().replace("/srv/red/", f"{self.root}/")
        (self.root / "nginx" / "red-locations.conf").write_text(locations)
        upstream = re.search(r"upstream red_app \{.*?\}", (DEPLOY / "nginx" / "red.conf").read_text(), re.S).group(0)
        upstream = upstream.replace("127.0.0.1:8001", f"127.0.0.1:{GUNICORN_PORTS['a']}")
        upstream = upstream.replace("127.0.0.1:8002", f"127.0.0.1:{GUNICORN_PORTS['b']}")
        temp = self.root / "nginx"
        config = f"""
worker_processes 2;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {temp}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    {upstream}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        server_name _;
        include {temp}/red-locations.conf;
    }}
}}
"""
        (temp / "nginx.conf").write_text(config)
        run("nginx", "-t", "-q", "-p", str(temp), "-c", str(temp / "nginx.conf"))

    def up(self):
        self.prepare()
        log("starting two gunicorn instances, the worker and nginx…")
        self.start_gunicorn("a")
        self.start_gunicorn("b")
        # As deploy/systemd/red-worker.service's ExecStart.
        self.start("worker", [str(VENV_BIN / "python"), "manage.py", "db_worker", "--queue-name", "*", "--no-reload"])
        self.write_nginx_config()
        temp = self.root / "nginx"
        self.start("nginx", ["nginx", "-p", str(temp), "-c", str(temp / "nginx.conf"), "-g", "daemon off;"])
        wait_for(f"{self.url}/healthz", self.processes["nginx"])
        log(f"stack up: nginx {self.url}, gunicorn {', '.join(self.instance_urls.values())}")

    def down(self):
        for name in list(self.processes):
            self.stop(name)


def start_postgresql():
    def ready():
        return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False).returncode == 0

    if ready():
        return
    subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False)
    for _ in range(30):
        if ready():
            return
        time.sleep(1)
    raise RuntimeError("PostgreSQL does not answer on 127.0.0.1:5432")


def wait_for(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped (exit {process.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def stack():
    for tool in ("nginx", "wrk", "psql"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing (make deploy-test installs nginx and wrk with apt-get)")
    root = Path(tempfile.mkdtemp(prefix="red-deploy-"))
    root.chmod(0o755)
    instance = Stack(root)
    try:
        instance.up()
        yield instance
    finally:
        instance.down()
        if os.environ.get("DEPLOY_TEST_KEEP") == "1":
            log(f"kept {root} (logs: *.log, nginx/error.log)")
        else:
            shutil.rmtree(root, ignore_errors=True)
        drop = f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", drop], check=False)
