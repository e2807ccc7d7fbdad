"""Production settings refuse to start half-configured, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQLITE = "sqlite:////tmp/x.sqlite3"
ORIGIN = "https://reddeempresas.example.org"


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="network_site.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "example.org", "DATABASE_URL": SQLITE, "BASE_URL": ORIGIN}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60, "DATABASE_URL": SQLITE, "BASE_URL": ORIGIN}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org", "BASE_URL": ORIGIN}, "DATABASE_URL"),
        ({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org", "DATABASE_URL": SQLITE}, "BASE_URL"),
    ],
)
def test_production_refuses_to_start_without_required_settings(env, missing):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_the_deployment_checks_without_warnings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        ALLOWED_HOSTS="reddeempresas.example.org",
        BASE_URL=ORIGIN,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
