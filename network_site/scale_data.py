"""The toolkit of ``generate_scale_data``: the run each app's ``scale.py`` receives, and bulk inserts.

Each app contributes through its own ``scale.py`` (as it does demo content through ``demo.py``):

- ``SIZES = {"tiny": {...}, "national": {...}, "regional": {...}}``: how many records of each
  kind it writes at each scale ("tiny" is for the tests);
- ``generate(run)``: writes them, in steps (``with run.step("news"): ...``), with the run's
  random generator, sizes and batch size. Apps run in ``INSTALLED_APPS`` order and share what
  later apps need as attributes of the run (members sets ``run.organizations``, ``run.active``
  and ``run.people``).
"""

import contextlib
import datetime
import random
import time

from django.db import connection, models, transaction
from django.utils import timezone

from wagtail.models import Locale, Site


def batch_size():
    return 5000 if connection.vendor == "postgresql" else 1000


def fast_insert(model, columns, rows):
    """Insert plain tuples (values of `columns`, field names) without building model instances.

    PostgreSQL: COPY. Other databases: one executemany. Datetimes and JSON are adapted as
    Django would; other values (str, int, bool, Decimal, date, None) go as they are. Defaults
    are not applied: give every column the model needs.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in columns]
    adapters = []
    for field in fields:
        if isinstance(field, models.DateTimeField):
            adapters.append(connection.ops.adapt_datetimefield_value)
        elif isinstance(field, models.DateField):
            adapters.append(connection.ops.adapt_datefield_value)
        elif isinstance(field, models.TimeField):
            adapters.append(connection.ops.adapt_timefield_value)
        elif isinstance(field, models.JSONField):
            adapters.append(lambda value, field=field: field.get_db_prep_save(value, connection))
        else:
            adapters.append(None)
    if any(adapters):
        rows = [
            tuple(value if adapt is None else adapt(value) for value, adapt in zip(row, adapters, strict=True))
            for row in rows
        ]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


class Progress:
    """Prints `label: done/total (pct%)` every 10 % (and at the end) with the elapsed time."""

    def __init__(self, command, label, total):
        self.command, self.label, self.total = command, label, max(total, 1)
        self.done, self.next_step, self.start = 0, 10, time.monotonic()

    def add(self, count):
        self.done += count
        percent = self.done * 100 // self.total
        if percent >= self.next_step or self.done >= self.total:
            elapsed = time.monotonic() - self.start
            self.command.stdout.write(
                f"  {self.label}: {self.done:,}/{self.total:,} ({min(percent, 100)}%) in {elapsed:.1f} s"
            )
            self.next_step = (percent // 10 + 1) * 10


def pick(rng, weighted):
    """A key of `weighted` ({key: weight}), drawn at random."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def aware(day, hour=9):
    """`day` at `hour` in Costa Rica (UTC-6, no summer time), as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour + 6, 0), tzinfo=datetime.UTC)


class ScaleRun:
    """What every app's ``generate(run)`` receives: the command, the sizes, the random generator."""

    def __init__(self, command, *, scale, seed, sizes, network):
        self.command = command
        #: The network every generated record belongs to (bulk inserts do not call save()).
        self.network = network
        #: Its Wagtail Site: the generated pages go under its root.
        self.site = Site.objects.select_related("root_page").get(pk=network.site_id) if network.site_id else None
        self.stdout = command.stdout
        self.scale = scale
        self.sizes = sizes
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.today = timezone.localdate()
        self.batch = batch_size()

    @contextlib.contextmanager
    def step(self, label):
        """One step of the run: announced, written in one transaction, timed."""
        started = time.monotonic()
        self.stdout.write(f"{label.capitalize()}…")
        with transaction.atomic():
            yield
        self.stdout.write(f"  done in {time.monotonic() - started:.1f} s")

    def progress(self, label, total):
        return Progress(self.command, label, total)

    def pages(self, model):
        """The pages of ``model`` in the default language in the run's site (its network's tree)."""
        queryset = model.objects.filter(locale=Locale.get_default())
        site = self.site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
        return queryset.descendant_of(site.root_page, inclusive=True) if site is not None else queryset

    def ensure_page(self, model, **fields):
        """The live page of ``model`` in the default language, added under the site's root if missing."""
        if not self.pages(model).exists():
            site = self.site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
            site.root_page.add_child(instance=model(locale=Locale.get_default(), **fields))
            self.stdout.write(f"  created a {model.__name__}")
        return self.pages(model).live().order_by("path").first()
