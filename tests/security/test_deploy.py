"""Production settings and dependency floors."""

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]

# The first release with the fix for a published advisory that touches how we use the
# package. Raise a floor when a new advisory lands; never lower one.
SAFE_FLOORS = {
    "Django": "5.2.8",  # 2025-11 security release (SQL injection via Q _connector, DoS)
    "djangorestframework": "3.15.2",  # CVE-2024-21520, XSS in the browsable API
    "pillow": "10.3.0",  # CVE-2024-28219, buffer overflow
    "gunicorn": "23.0.0",  # CVE-2024-1135 / CVE-2024-6827, request smuggling
    "sqlparse": "0.5.0",  # CVE-2024-4340, DoS on nested lists
    "fonttools": "4.43.0",  # CVE-2023-45139, XXE while subsetting (WeasyPrint uses it)
    "celery": "5.2.2",  # CVE-2021-23727, stored exception command injection
}


@pytest.mark.parametrize(("package", "floor"), SAFE_FLOORS.items())
def test_security_relevant_packages_are_at_or_above_known_safe_versions(package, floor):
    assert Version(version(package)) >= Version(floor)


def production_settings(**extra_env: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "asn.example.go.id",
        **extra_env,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('DEBUG', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def test_production_cookies_are_secure_and_debug_is_off():
    values = production_settings()
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
    }


def test_production_refuses_to_start_without_a_real_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "short",
        "ALLOWED_HOSTS": "x",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
