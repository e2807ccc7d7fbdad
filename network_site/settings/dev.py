"""Local development: debug on, console e-mail, tasks run immediately."""

import os

from .base import *  # noqa: F403
from .base import TASKS, env_bool, env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
# Templates and code change under a developer's hands: no full-page cache unless asked for.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
TASKS["default"]["BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
# The demo's staff log in with a password alone (the browser tests do too); STAFF_MFA_REQUIRED=true
# tries the production behaviour (an authenticator app before the admin).
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
