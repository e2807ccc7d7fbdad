"""Tests: fast hashing, locmem cache and e-mail, tasks run immediately, plain static storage."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, TASKS

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", ".localhost"]  # .localhost: the networks' demo Sites
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-local"},
}
# One generation file per test process (pytest-xdist runs several).
TEST_FILES_DIR = Path(tempfile.gettempdir()) / f"red-tests-{os.getpid()}"
CACHE_GENERATION_FILE = str(TEST_FILES_DIR / "cache-generation")
# Uploaded files (public and private) of a test process go to its own temporary folder.
MEDIA_ROOT = TEST_FILES_DIR / "media"
PRIVATE_MEDIA_ROOT = TEST_FILES_DIR / "private"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS["default"]["BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# The full-page cache is off in tests (query-count tests measure the real work); the cache's
# own tests turn it on.
PAGE_CACHE_SECONDS = 0
# Most tests log staff in with force_login and go to the admin; the staff MFA tests turn the
# requirement on (tests/members/test_staff_mfa.py).
STAFF_MFA_REQUIRED = False
