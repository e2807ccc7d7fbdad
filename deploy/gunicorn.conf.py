"""gunicorn's settings for the Red de Empresas (deploy/systemd/red-gunicorn@.service).

The address comes from the unit (`-b 127.0.0.1:%i`): one instance per port, nginx in front of
all of them (deploy/nginx/red.conf). GUNICORN_WORKERS in /etc/red/red.env overrides the number
of worker processes of each instance.
"""

import multiprocessing
import os

wsgi_app = "network_site.wsgi:application"
# Each instance: (2 × cores) + 1 processes by default, split between the instances.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a PDF of a big report takes a while
graceful_timeout = 30  # a stop lets running requests finish this long
max_requests = 2000  # workers are renewed now and then (memory)
max_requests_jitter = 200
# nginx on this machine says who the visitor is and whether it was https (X-Forwarded-*).
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"  # to the journal (journalctl -u red-gunicorn@8001)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
