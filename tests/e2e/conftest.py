"""End-to-end fixtures: a real server on a free port with the demo content, and a real browser.

Fixtures every app's browser tests use (mark the tests ``@pytest.mark.e2e``):

- ``e2e_server`` (session): a ``manage.py runserver`` subprocess on 127.0.0.1 and a free port,
  against its own temporary SQLite database (migrated, demo content loaded) and its own media
  folder; e-mails are written as files. The object has ``.url`` (no trailing slash),
  ``.emails()`` (the sent messages' full text, oldest first) and ``.manage(*args)`` (run a
  management command against the same database; returns its standard output).
- ``browser`` (session) and ``page`` (function): Playwright's sync API on Debian's chromium.
- ``screenshot(page, name)``: saves ``tests/e2e/screenshots/<name>.png`` (git-ignored).

When ``/usr/bin/chromium`` is missing every e2e test is skipped with the reason, unless
``E2E_REQUIRED=1`` (CI), in which case they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the tests themselves never use
# the test process's database, but let Django's ORM be used next to it if a test needs to.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = "Debian's chromium not found: apt-get install chromium"
EMAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


def _e2e_required():
    return os.environ.get("E2E_REQUIRED", "").strip().lower() in {"1", "true", "yes", "on"}


def _require_chromium():
    if Path(CHROMIUM).exists():
        return
    if _e2e_required():
        pytest.fail(f"{MISSING_CHROMIUM} (E2E_REQUIRED is set)", pytrace=False)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(autouse=True)
def _e2e_needs_chromium(request):
    """Skip (or fail under E2E_REQUIRED=1) every e2e test when the browser is missing."""
    if request.node.get_closest_marker("e2e"):
        _require_chromium()


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class E2EServer:
    """A running development server with its own database, media and e-mail folders."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.email_dir = self.workdir / "emails"
        self.media_dir = self.workdir / "media"
        self.email_dir.mkdir()
        self.media_dir.mkdir()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / "server.log"
        self.process = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "network_site.settings.dev",
            "DATABASE_URL": f"sqlite:///{self.workdir / 'e2e.sqlite3'}",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.email_dir),
            "MEDIA_ROOT": str(self.media_dir),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "private"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",  # the demo networks' and the regional site's hosts
            "BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(self, *args, check=True, timeout=300):
        """Run ``manage.py <args>`` against the server's database; returns its standard output."""
        args = [str(each) for each in args]
        if args[:2] == ["shell", "-c"]:
            # A test's snippet reads and writes like its own set-up: every network, new records in the
            # default one (network_site.networks; a query with no scope would raise).
            args[2] = (
                "from network_site.models import Network\n"
                "from network_site.networks import scopes_disabled, working_for\n"
                "with scopes_disabled(), working_for(Network.objects.get(site__is_default_site=True)):\n"
                f"    exec({args[2]!r})\n"
            )
        result = subprocess.run(  # noqa: S603 - fixed interpreter and script, arguments from tests
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(map(str, args))} failed ({result.returncode}):\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def start(self, timeout=60):
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_data", "--quiet")
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed command line
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310 - local URL
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"The e2e server did not answer /healthz:\n{self.log_path.read_text()[-4000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def emails(self):
        """The full text of every message sent so far, oldest first."""
        files = sorted(self.email_dir.glob("*.log"), key=lambda path: (path.stat().st_mtime_ns, path.name))
        messages = []
        for path in files:
            for chunk in path.read_text(encoding="utf-8", errors="replace").split(EMAIL_SEPARATOR):
                if chunk.strip():
                    messages.append(chunk)
        return messages

    def clear_emails(self):
        for path in self.email_dir.glob("*.log"):
            path.unlink()


@pytest.fixture(scope="session")
def e2e_server():
    _require_chromium()
    workdir = tempfile.mkdtemp(prefix="red-e2e-")
    server = E2EServer(workdir)
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-CR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def portal_log_in(page, base, email, password):
    """Log in through the portal's login form and wait for the dashboard."""
    page.goto(f"{base}/portal/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")


def screenshot(page, name):
    """Save a full-page PNG as tests/e2e/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(name="screenshot")
def screenshot_fixture():
    """The ``screenshot(page, name)`` helper as a fixture, for tests that prefer injection."""
    return screenshot
