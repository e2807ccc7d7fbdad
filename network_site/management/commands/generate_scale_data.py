"""`generate_scale_data --scale national|regional`: synthetic data at the sizes the platform is built for.

Everything is written with bulk inserts, in a fixed number of queries per batch, on top of
what is already there (run it after `load_demo_data`, or on an empty migrated database:
the pages it needs are created when missing). Running it twice adds a second set.

| scale    | organisations | commitments | progress reports | news  | meetings | self-assessments |
| -------- | ------------- | ----------- | ---------------- | ----- | -------- | ---------------- |
| national | 300           | 3,000       | 36,000           | 500   | 200      | 250              |
| regional | 10,000        | 100,000     | 1,000,000        | 5,000 | 10,000   | 10,000           |

Each organisation gets two contact people and a representative's portal account (password
``SCALE_PASSWORD``), most sign the pledge and keep a few suppliers. Meetings have an agenda,
invitations, attendance and agreements. News pages are inserted directly into Wagtail's tree
(paths computed like treebeard's `add_child`, without one save per page); they are not in the
search index until `manage.py update_index`.
"""

import datetime
import random
import time
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

#: Sizes of each scale. "tiny" is for the tests (not advertised in --help).
SCALES = {
    "tiny": {
        "organizations": 8,
        "commitments": 24,
        "reports": 240,
        "news": 6,
        "meetings": 4,
        "assessments": 6,
    },
    "national": {
        "organizations": 300,
        "commitments": 3_000,
        "reports": 36_000,
        "news": 500,
        "meetings": 200,
        "assessments": 250,
    },
    "regional": {
        "organizations": 10_000,
        "commitments": 100_000,
        "reports": 1_000_000,
        "news": 5_000,
        "meetings": 10_000,
        "assessments": 10_000,
    },
}
#: Password of every generated portal user (they are for load tests, never for production).
SCALE_PASSWORD = "escala-sintetica-2026"  # noqa: S105 - synthetic test accounts
EMAIL_DOMAIN = "escala.example.org"

PROVINCES = ["San José", "Alajuela", "Cartago", "Heredia", "Guanacaste", "Puntarenas", "Limón"]
COUNTRIES = [
    "Argentina", "Bahamas", "Barbados", "Belice", "Bolivia", "Brasil", "Chile", "Colombia", "Costa Rica",
    "Ecuador", "El Salvador", "Guatemala", "Guyana", "Haití", "Honduras", "Jamaica", "México", "Nicaragua",
    "Panamá", "Paraguay", "Perú", "República Dominicana", "Santa Lucía", "Surinam", "Trinidad y Tobago",
    "Uruguay", "Venezuela",
]  # fmt: skip
NAME_STEMS = [
    "Agroindustrial", "Cafetalera", "Bananera", "Piñera", "Textil", "Comercial", "Turística", "Financiera",
    "Constructora", "Alimentaria", "Logística", "Azucarera", "Lechera", "Hotelera", "Tecnológica", "Pesquera",
    "Forestal", "Palmera", "Farmacéutica", "Energética",
]  # fmt: skip
NAME_PLACES = [
    "del Valle", "del Pacífico", "del Caribe", "Central", "del Norte", "del Sur", "La Esperanza", "Los Andes",
    "Monteverde", "Río Claro", "Santa Rosa", "Tres Ríos", "Las Palmas", "El Roble", "San Isidro", "La Fortuna",
]  # fmt: skip
LEGAL_FORMS = ["S.A.", "S.R.L.", "Ltda.", "Cooperativa R.L.", "S.A. de C.V."]
FIRST_NAMES = [
    "Ana", "Luis", "María", "José", "Carmen", "Jorge", "Laura", "Carlos", "Sofía", "Andrés", "Daniela", "Diego",
    "Lucía", "Pablo", "Elena", "Miguel", "Valeria", "Ricardo", "Gabriela", "Fernando",
]  # fmt: skip
LAST_NAMES = [
    "Vargas", "Rodríguez", "Jiménez", "Mora", "Rojas", "Solano", "Araya", "Chaves", "Quesada", "Castro",
    "Herrera", "Méndez", "Ramírez", "Alvarado", "Salas", "Campos", "Brenes", "Segura",
]  # fmt: skip
POSITIONS = [
    "Gerente de Responsabilidad Social",
    "Directora de Recursos Humanos",
    "Encargado de Sostenibilidad",
    "Coordinadora de Cadena de Suministro",
    "Gerente General",
]
#: (thematic area, acceleration factor, title, indicator, unit, kind)
COMMITMENT_TEMPLATES = [
    ("education", "education", "Becas escolares para hijos e hijas de personas trabajadoras", "Becas entregadas",
     "becas", "number"),
    ("education", "education", "Apoyo a la permanencia escolar en comunidades productoras",
     "Estudiantes acompañados", "estudiantes", "number"),
    ("value_chain", "agriculture", "Cláusula contra el trabajo infantil en contratos con proveedores",
     "Proveedores con cláusula firmada", "%", "percentage"),
    ("value_chain", "agriculture", "Visitas de verificación a fincas proveedoras", "Fincas verificadas",
     "fincas", "number"),
    ("awareness", "articulation", "Campaña de sensibilización para personal y clientes",
     "Personas sensibilizadas", "personas", "number"),
    ("adolescent_workers", "youth_employment", "Protección de personas adolescentes trabajadoras",
     "Adolescentes con permiso y jornada protegida", "adolescentes", "number"),
    ("youth_employment", "youth_employment", "Programa de primer empleo para jóvenes de 18 a 24 años",
     "Jóvenes contratados", "jóvenes", "number"),
    ("health", "social_protection", "Jornadas de salud para familias de la zona", "Familias atendidas",
     "familias", "number"),
    ("integral_development", "indigenous", "Cuido infantil durante la cosecha en territorios indígenas",
     "Centro de cuido en funcionamiento", "", "yes_no"),
    ("integral_development", "migration", "Atención a familias migrantes durante la temporada de cosecha",
     "Familias migrantes atendidas", "familias", "number"),
    ("value_chain", "informality", "Formalización de pequeños proveedores", "Proveedores formalizados", "%",
     "percentage"),
    ("other", "social_protection", "Política interna de prevención del trabajo infantil",
     "Política aprobada y divulgada", "", "yes_no"),
]  # fmt: skip
NEWS_TOPICS = [
    ("La Red se reúne con el Ministerio de Trabajo", "reunión ordinaria"),
    ("Nuevas empresas se adhieren al compromiso", "adhesiones"),
    ("Conversatorio sobre cadenas de valor libres de trabajo infantil", "cadena de valor"),
    ("Resultados del observatorio del trimestre", "observatorio"),
    ("Jornada de sensibilización en la zona de cosecha", "sensibilización"),
    ("Intercambio de experiencias con redes de la región", "cooperación Sur-Sur"),
    ("Día Mundial contra el Trabajo Infantil", "12 de junio"),
    ("Becas escolares entregadas por empresas de la Red", "educación"),
    ("Taller de autoevaluación para proveedores", "autoevaluación"),
    ("Alianza con organismos internacionales", "alianzas"),
]
TAGS = [
    "trabajo infantil", "cadena de valor", "educación", "meta 8.7", "OIT", "UNICEF", "PANI", "MTSS",
    "Iniciativa Regional", "sensibilización", "cosecha", "empleo juvenil", "observatorio", "autoevaluación",
    "adolescentes", "migración", "agricultura", "turismo", "becas", "buenas prácticas",
]  # fmt: skip
AGENDA_TITLES = [
    "Bienvenida y comprobación del quórum",
    "Lectura y aprobación del acta anterior",
    "Seguimiento de acuerdos pendientes",
    "Informe de la Secretaría Técnica",
    "Presentación del observatorio de compromisos",
    "Experiencia de una empresa miembro",
    "Plan de trabajo de la cadena de valor",
    "Preparación del Día Mundial contra el Trabajo Infantil",
    "Informe de la Iniciativa Regional",
    "Asuntos varios",
]
MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre",
]  # fmt: skip
MEETING_TITLES = {
    "ordinary": "Reunión ordinaria de la Red",
    "extraordinary": "Reunión extraordinaria de la Red",
    "working_session": "Sesión de trabajo",
    "conversatorio": "Conversatorio",
    "exchange_visit": "Visita de intercambio",
}
AGREEMENT_TEXTS = [
    "Enviar a la Secretaría el informe trimestral de avance.",
    "Organizar una visita a fincas proveedoras antes del próximo trimestre.",
    "Compartir con la Red la guía de autoevaluación actualizada.",
    "Preparar la campaña del 12 de junio con las empresas miembros.",
    "Proponer dos empresas para el comité de seguimiento.",
    "Revisar los indicadores del observatorio con la OIT.",
]


REPORT_COLUMNS = [
    "commitment",
    "period",
    "period_start",
    "period_end",
    "deadline",
    "value",
    "narrative",
    "status",
    "is_late",
    "review_comment",
    "submitted_at",
    "approved_at",
    "updated_at",
]


AGENDA_COLUMNS = [
    "meeting",
    "sort_order",
    "start_time",
    "duration_minutes",
    "session",
    "title",
    "description",
    "presenters_text",
    "place",
    "notes",
    "conclusions",
]
INVITATION_COLUMNS = [
    "meeting",
    "organization",
    "guest_name",
    "guest_organization",
    "guest_email",
    "status",
    "reply_note",
    "last_sent_at",
    "created_at",
]
ATTENDANCE_COLUMNS = [
    "meeting",
    "person",
    "name",
    "email",
    "organization",
    "organization_name",
    "body",
    "status",
    "role",
    "notes",
]


ANSWER_COLUMNS = ["assessment", "question", "choices", "number", "text", "file", "revision", "updated_at"]
#: Distinct sets of answers shared by the generated self-assessments.
ANSWER_PROFILES = 40


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


def quarter_index(day):
    return day.year * 4 + (day.month - 1) // 3


def quarter_bounds(index):
    year, q = divmod(index, 4)
    start = datetime.date(year, q * 3 + 1, 1)
    end_month = q * 3 + 3
    end = (
        datetime.date(year, 12, 31)
        if end_month == 12
        else datetime.date(year, end_month + 1, 1) - datetime.timedelta(days=1)
    )
    return f"{year}-Q{q + 1}", start, end


def pick(rng, weighted):
    """A key of `weighted` ({key: weight}), drawn at random."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def aware(day, hour=9):
    """`day` at `hour` in Costa Rica (UTC-6, no summer time), as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour + 6, 0), tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = (
        "Write synthetic data at national or regional scale with bulk inserts "
        "(after load_demo_data, or on an empty migrated database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", required=True, help="national or regional")
        parser.add_argument("--seed", type=int, default=7, help="Random seed (the same seed gives the same data).")

    def handle(self, *args, scale, seed, **options):
        if scale not in SCALES:
            raise CommandError("--scale must be national or regional.")
        self.sizes = SCALES[scale]
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.batch = batch_size()
        started = time.monotonic()
        self.stdout.write(
            f"Generating {scale} data on {connection.vendor}: "
            + ", ".join(f"{value:,} {key}" for key, value in self.sizes.items())
        )
        steps = [
            ("pages", self.ensure_pages),
            ("organisations", self.make_organizations),
            ("commitments and progress reports", self.make_commitments),
            ("news", self.make_news),
            ("meetings", self.make_meetings),
            ("self-assessments", self.make_assessments),
        ]
        for label, step in steps:
            step_start = time.monotonic()
            self.stdout.write(f"{label.capitalize()}…")
            with transaction.atomic():
                step()
            self.stdout.write(f"  done in {time.monotonic() - step_start:.1f} s")
        if connection.vendor in ("postgresql", "sqlite"):
            # Fresh statistics: without them the planner takes the new tables for empty ones. On
            # PostgreSQL it picked nested loops that turned the observatory's aggregates from
            # milliseconds to minutes; on SQLite it scanned every open report for one member's
            # due reports (portal dashboard: 18 ms → under 1 ms).
            self.stdout.write("Updating the planner's statistics (ANALYZE)…")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.invalidate_caches()
        self.stdout.write(self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.1f} s."))

    # --- Pages -------------------------------------------------------------------------------

    def ensure_pages(self):
        """The home page and the pages that show the data; the demo's are reused when present."""
        from commitments.models import ObservatoryPage
        from home.models import HomePage, NewsIndexPage
        from meetings.models import CalendarPage
        from members.models import MemberDirectoryPage

        locale = Locale.get_default()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = HomePage.objects.filter(locale=locale).order_by("path").first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Red de Empresas contra el Trabajo Infantil",
                    slug="inicio",
                    hero_title="Empresas unidas contra el trabajo infantil",
                    locale=locale,
                )
            )
            self.stdout.write("  created the home page")
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk and not isinstance(site.root_page.specific, HomePage):
            site.root_page = home
            site.save()
        wanted = [
            (NewsIndexPage, {"title": "Noticias", "slug": "noticias"}),
            (MemberDirectoryPage, {"title": "Empresas miembros", "slug": "miembros"}),
            (ObservatoryPage, {"title": "Observatorio", "slug": "observatorio"}),
            (CalendarPage, {"title": "Calendario", "slug": "calendario"}),
        ]
        for model, fields in wanted:
            if not model.objects.filter(locale=locale).exists():
                home.add_child(instance=model(locale=locale, **fields))
                self.stdout.write(f"  created a {model.__name__}")
        self.home = home
        self.news_index = NewsIndexPage.objects.filter(locale=locale).live().order_by("path").first()

    # --- Organisations ------------------------------------------------------------------------

    def make_organizations(self):
        from commitments.models import PledgeSignature, PledgeVersion
        from members.models import (
            MembershipStatus,
            Organization,
            OrganizationKind,
            OrganizationSize,
            Person,
            PortalAccount,
            PortalRole,
            Scope,
            Sector,
        )
        from supplychain.models import RiskRegion, RiskSector, Supplier, SupplierTier

        rng, total = self.rng, self.sizes["organizations"]
        first = Organization.objects.filter(slug__startswith="escala-").count()
        self.run_tag = first
        regions = COUNTRIES if total > 1000 else PROVINCES
        organizations = []
        for number in range(first, first + total):
            stem, place, form = rng.choice(NAME_STEMS), rng.choice(NAME_PLACES), rng.choice(LEGAL_FORMS)
            is_partner = rng.random() < 0.03
            status = MembershipStatus.ACTIVE
            if not is_partner:
                status = pick(rng, {"active": 88, "applicant": 4, "suspended": 4, "withdrawn": 4})
            organizations.append(
                Organization(
                    name=f"{stem} {place} {number + 1} {form}",
                    short_name=f"{stem} {number + 1}",
                    slug=f"escala-{number + 1:05d}",
                    kind=OrganizationKind.INTERNATIONAL
                    if is_partner
                    else pick(rng, {"company": 85, "chamber": 4, "cooperative": 6, "civil_society": 5}),
                    sector=rng.choice(Sector.values),
                    size=rng.choice(OrganizationSize.values),
                    scope=Scope.TRANSNATIONAL if rng.random() < 0.15 else Scope.NATIONAL,
                    region=rng.choice(regions),
                    website=f"https://empresa{number + 1}.{EMAIL_DOMAIN}",
                    description=(
                        f"Empresa del sector {stem.lower()} comprometida con la prevención y erradicación "
                        "del trabajo infantil en su operación y su cadena de valor."
                    ),
                    is_partner=is_partner,
                    membership_status=status,
                    date_joined=self.today - datetime.timedelta(days=rng.randint(60, 3000))
                    if status != MembershipStatus.APPLICANT
                    else None,
                )
            )
        progress = Progress(self, "organisations", total)
        for start in range(0, total, self.batch):
            chunk = organizations[start : start + self.batch]
            Organization.objects.bulk_create(chunk, batch_size=self.batch)
            progress.add(len(chunk))
        # bulk_create returns primary keys on PostgreSQL and recent SQLite; fetch them to be sure.
        self.organizations = list(
            Organization.objects.filter(slug__in=[o.slug for o in organizations]).order_by("slug")
        )
        self.active = [o for o in self.organizations if o.is_active_member]

        password = make_password(SCALE_PASSWORD)
        user_model = get_user_model()
        people, users = [], []
        for organization in self.organizations:
            for index in range(2):
                first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                email = f"contacto{index + 1}.{organization.slug}@{EMAIL_DOMAIN}"
                people.append(
                    Person(
                        organization=organization,
                        name=f"{first_name} {last_name}",
                        position=rng.choice(POSITIONS),
                        email=email,
                        phone=f"+506 2{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                        is_focal_point=index == 0,
                        languages="es",
                    )
                )
                if index == 0:
                    users.append(
                        user_model(email=email, first_name=first_name, last_name=last_name, password=password)
                    )
        Person.objects.bulk_create(people, batch_size=self.batch)
        user_model.objects.bulk_create(users, batch_size=self.batch)
        people_by_email = dict(Person.objects.filter(organization__in=self.organizations).values_list("email", "pk"))
        users_by_email = dict(user_model.objects.filter(email__endswith=EMAIL_DOMAIN).values_list("email", "pk"))
        accounts = []
        for organization in self.organizations:
            email = f"contacto1.{organization.slug}@{EMAIL_DOMAIN}"
            accounts.append(
                PortalAccount(
                    user_id=users_by_email[email],
                    organization=organization,
                    role=PortalRole.OBSERVER if organization.is_partner else PortalRole.REPRESENTATIVE,
                    person_id=people_by_email[email],
                )
            )
        PortalAccount.objects.bulk_create(accounts, batch_size=self.batch)
        self.people = {}
        for organization_id, pk, name in Person.objects.filter(organization__in=self.organizations).values_list(
            "organization_id", "pk", "name"
        ):
            self.people.setdefault(organization_id, []).append((pk, name))
        self.stdout.write(f"  {len(people):,} contact people, {len(accounts):,} portal accounts")

        version = PledgeVersion.objects.current()
        if version is None:
            version = PledgeVersion.objects.order_by("-number").first() or PledgeVersion.objects.create(
                number=1,
                label="Texto de adhesión",
                text="<p>Nos comprometemos a prevenir y erradicar el trabajo infantil en nuestra operación "
                "y en nuestra cadena de valor.</p>",
                published_at=timezone.now() - datetime.timedelta(days=3650),
            )
        signatures = []
        for organization in self.active:
            if rng.random() < 0.85:
                person = self.people[organization.pk][0]
                signatures.append(
                    PledgeSignature(
                        organization=organization,
                        version=version,
                        version_number=version.number,
                        text_snapshot=version.text,
                        signer_name=person[1],
                        signer_position="Gerente General",
                        signed_at=aware(organization.date_joined or self.today),
                    )
                )
        PledgeSignature.objects.bulk_create(signatures, batch_size=self.batch)
        self.stdout.write(f"  {len(signatures):,} pledge signatures")

        sectors = list(RiskSector.objects.all()) or [None]
        risk_regions = list(RiskRegion.objects.all()) or [None]
        suppliers = []
        for organization in self.active:
            for index in range(rng.randint(1, 4)):
                suppliers.append(
                    Supplier(
                        organization=organization,
                        name=f"Proveedor {index + 1} de {organization.short_name}",
                        tier=rng.choice(SupplierTier.values),
                        sector=rng.choice(sectors),
                        region=rng.choice(risk_regions),
                        products="Materia prima agrícola",
                        workers=rng.randint(3, 400),
                    )
                )
        Supplier.objects.bulk_create(suppliers, batch_size=self.batch)
        self.stdout.write(f"  {len(suppliers):,} suppliers")

    # --- Commitments and progress reports ---------------------------------------------------

    def make_commitments(self):
        from commitments.models import (
            Commitment,
            CommitmentStatus,
            ProgressReport,
            ReportingFrequency,
            ReportStatus,
            deadline_days,
        )

        rng, total, total_reports = self.rng, self.sizes["commitments"], self.sizes["reports"]
        members = [o for o in self.organizations if not o.is_partner]
        statuses = {
            CommitmentStatus.APPROVED: 82,
            CommitmentStatus.ACHIEVED: 6,
            CommitmentStatus.NOT_ACHIEVED: 2,
            CommitmentStatus.WITHDRAWN: 2,
            CommitmentStatus.SUBMITTED: 4,
            CommitmentStatus.DRAFT: 4,
        }
        chosen = [pick(rng, statuses) for _ in range(total)]
        # Only commitments the secretariat approved have a report schedule; share the reports among them.
        scheduled = [i for i, status in enumerate(chosen) if status not in (CommitmentStatus.DRAFT, "submitted")]
        per, extra = divmod(total_reports, max(len(scheduled), 1))
        periods = dict.fromkeys(range(total), 0)
        for position, index in enumerate(scheduled):
            periods[index] = per + (1 if position < extra else 0)
        current = quarter_index(self.today)
        days = deadline_days()
        first_number = Commitment.objects.filter(reference__startswith="E-").count()
        now = timezone.now()
        commitment_progress = Progress(self, "commitments", total)
        report_progress = Progress(self, "progress reports", total_reports)
        chunk_size = max(self.batch // 4, 250)
        for chunk_start in range(0, total, chunk_size):
            chunk = range(chunk_start, min(total, chunk_start + chunk_size))
            commitments = []
            for index in chunk:
                area, factor, title, indicator, unit, kind = rng.choice(COMMITMENT_TEMPLATES)
                status = chosen[index]
                count = periods[index] or rng.randint(8, 12)
                # The schedule started between 8 and 1 quarters before the current one… or earlier,
                # so that about a third of the periods lie ahead (their reports are open drafts).
                start_q = current - rng.randint(max(1, count // 3), max(1, count - 1))
                start = quarter_bounds(start_q)[1]
                end = quarter_bounds(start_q + count - 1)[2]
                if kind == "percentage":
                    baseline, target = Decimal(rng.randint(0, 40)), Decimal(rng.randint(60, 100))
                elif kind == "yes_no":
                    baseline, target = Decimal(0), Decimal(1)
                else:
                    target = Decimal(rng.randint(10, 500))
                    baseline = Decimal(rng.randint(0, int(target) // 4))
                approved = status not in (CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED)
                organization = rng.choice(members)
                commitments.append(
                    Commitment(
                        organization=organization,
                        reference=f"E-{first_number + index + 1:07d}",
                        title=title,
                        description=f"{title}, con metas trimestrales y seguimiento de la Secretaría.",
                        thematic_area=area,
                        acceleration_factor=factor,
                        indicator_name=indicator,
                        indicator_unit=unit,
                        indicator_kind=kind,
                        baseline=baseline,
                        target=target,
                        start_date=start,
                        end_date=end,
                        reporting_frequency=ReportingFrequency.QUARTERLY,
                        is_public=rng.random() < 0.9,
                        status=status,
                        submitted_at=aware(start) - datetime.timedelta(days=20),
                        approved_at=aware(start) - datetime.timedelta(days=10) if approved else None,
                        closed_at=now if status in ("achieved", "not_achieved", "withdrawn") else None,
                    )
                )
            Commitment.objects.bulk_create(commitments, batch_size=self.batch)
            commitment_progress.add(len(commitments))
            if commitments[0].pk is None:  # an old SQLite without RETURNING
                ids = dict(
                    Commitment.objects.filter(reference__in=[c.reference for c in commitments]).values_list(
                        "reference", "pk"
                    )
                )
                for commitment in commitments:
                    commitment.pk = commitment.id = ids[commitment.reference]
            reports = []
            for index, commitment in zip(chunk, commitments, strict=True):
                count = periods[index]
                if not count:
                    continue
                start_q = quarter_index(commitment.start_date)
                closed = commitment.status != CommitmentStatus.APPROVED
                span = commitment.target - commitment.baseline
                for step in range(count):
                    code, p_start, p_end = quarter_bounds(start_q + step)
                    deadline = p_end + datetime.timedelta(days=days)
                    if p_end >= self.today:
                        status = ReportStatus.DRAFT
                    elif deadline >= self.today:
                        status = pick(rng, {"submitted": 50, "draft": 50})
                    elif closed:
                        status = ReportStatus.APPROVED
                    else:
                        status = pick(rng, {"approved": 85, "submitted": 5, "returned": 3, "draft": 7})
                    value = None
                    if status != ReportStatus.DRAFT:
                        if commitment.indicator_kind == "yes_no":
                            value = Decimal(1 if step >= count // 2 or rng.random() < 0.3 else 0)
                        else:
                            share = Decimal(step + 1) / Decimal(count)
                            noise = Decimal(rng.randint(-10, 10)) / Decimal(100)
                            value = (commitment.baseline + span * (share + noise)).quantize(Decimal("0.01"))
                            value = max(Decimal(0), value)
                            if commitment.indicator_kind == "percentage":
                                value = min(value, Decimal(100))
                    late = status in ("approved", "submitted", "returned") and rng.random() < 0.15
                    submitted = (
                        aware(deadline + datetime.timedelta(days=rng.randint(1, 20)))
                        if late
                        else aware(deadline - datetime.timedelta(days=rng.randint(1, 25)))
                    )
                    reports.append(
                        (
                            commitment.pk,
                            code,
                            p_start,
                            p_end,
                            deadline,
                            value,
                            "Avance del trimestre según lo planificado." if value is not None else "",
                            status,
                            late,
                            "Complete la evidencia del trimestre." if status == "returned" else "",
                            submitted if status != ReportStatus.DRAFT else None,
                            submitted + datetime.timedelta(days=7) if status == "approved" else None,
                            now,
                        )
                    )
            fast_insert(ProgressReport, REPORT_COLUMNS, reports)
            report_progress.add(len(reports))

    # --- News ---------------------------------------------------------------------------------

    def make_news(self):
        """News pages inserted straight into the tree: paths computed as treebeard does, in bulk."""
        from taggit.models import Tag

        from home.models import NewsCategory, NewsPage, NewsPageTag
        from network_site.models import CustomImage

        total, rng, parent = self.sizes["news"], self.rng, self.news_index
        if parent is None or not total:
            return
        categories = list(NewsCategory.objects.all())
        if not categories:
            categories = [
                NewsCategory.objects.create(name=name, slug=slugify(name))
                for name in ("Eventos", "Alianzas", "Institucional")
            ]
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        images = list(CustomImage.objects.values_list("pk", flat=True)) or [None]
        content_type = ContentType.objects.get_for_model(NewsPage)
        last = parent.get_last_child()
        next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        depth = parent.depth + 1
        existing = set(parent.get_children().values_list("slug", flat=True))
        now = timezone.now()
        progress = Progress(self, "news pages", total)
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        news_fields = NewsPage._meta.local_concrete_fields
        for chunk_start in range(0, total, self.batch):
            count = min(self.batch, total - chunk_start)
            pages = []
            for offset in range(count):
                number = chunk_start + offset
                topic, keyword = rng.choice(NEWS_TOPICS)
                day = self.today - datetime.timedelta(days=rng.randint(0, 3650))
                title = f"{topic} ({day:%d/%m/%Y})"
                slug = f"{slugify(topic)[:50]}-{self.run_tag}-{number + 1}"
                while slug in existing:
                    slug += "-x"
                existing.add(slug)
                published = aware(day, hour=10)
                page = NewsPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    path=Page._get_path(parent.path, depth, next_step + number),
                    depth=depth,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=min(published, now),
                    last_published_at=min(published, now),
                    date=day,
                    lead_image_id=rng.choice(images),
                    summary=(
                        f"{topic}: la Red de Empresas contra el Trabajo Infantil informa sobre {keyword} "
                        "y los próximos pasos acordados con la Secretaría Técnica."
                    ),
                    body=[
                        (
                            "paragraph",
                            RichText(
                                f"<p>{topic}. Las empresas miembros compartieron avances sobre {keyword}.</p>"
                                "<p>La Secretaría Técnica del Ministerio de Trabajo recordó los plazos de los "
                                "informes trimestrales y el calendario de las próximas reuniones.</p>"
                            ),
                        )
                    ],
                )
                pages.append(page)
            base_rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
            Page.objects.bulk_create(base_rows, batch_size=self.batch)
            if base_rows[0].pk is None:
                ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
                for row in base_rows:
                    row.pk = ids[row.path]
            for page, row in zip(pages, base_rows, strict=True):
                page.page_ptr_id = page.id = row.pk
            # The child table of a multi-table model: what Model.save() does for one row, for many.
            NewsPage._base_manager._insert(pages, fields=news_fields, using=connection.alias)
            NewsPageTag.objects.bulk_create(
                [
                    NewsPageTag(content_object_id=page.pk, tag_id=tag.pk)
                    for page in pages
                    for tag in rng.sample(tags, 2)
                ],
                batch_size=self.batch,
            )
            through = NewsPage.categories.through
            NewsPage.categories.through.objects.bulk_create(
                [through(newspage_id=page.pk, newscategory_id=rng.choice(categories).pk) for page in pages],
                batch_size=self.batch,
            )
            progress.add(count)
        # (Not parent.get_children(): treebeard answers "none" for a node it believes is a leaf.)
        children = Page.objects.filter(path__startswith=parent.path, depth=depth).count()
        Page.objects.filter(pk=parent.pk).update(numchild=children)

    # --- Meetings -----------------------------------------------------------------------------

    def make_meetings(self):
        from meetings.models import (
            AgendaItem,
            Agreement,
            AgreementStatus,
            Attendance,
            AttendanceBody,
            AttendanceRole,
            AttendanceStatus,
            Invitation,
            Meeting,
            MeetingKind,
            MeetingStatus,
            ReplyStatus,
        )

        rng, total = self.rng, self.sizes["meetings"]
        if not total:
            return
        invitable = self.active or self.organizations
        now = timezone.now()
        progress = Progress(self, "meetings", total)
        chunk_size = max(self.batch // 10, 100)
        kinds = {
            MeetingKind.ORDINARY: 60,
            MeetingKind.WORKING_SESSION: 20,
            MeetingKind.CONVERSATORIO: 10,
            MeetingKind.EXTRAORDINARY: 7,
            MeetingKind.EXCHANGE_VISIT: 3,
        }
        # A national network meets once or twice a month; the regional set spreads its 27
        # countries' meetings over 30 years at most, so history looks like a real one.
        span_days = max(365, min(total * 20, 365 * 30))
        for chunk_start in range(0, total, chunk_size):
            meetings = []
            for _index in range(chunk_start, min(total, chunk_start + chunk_size)):
                day = self.today + datetime.timedelta(days=rng.randint(-span_days, 90))
                start = aware(day, hour=rng.choice([8, 9, 10, 14]))
                past = day < self.today
                if past:
                    status = pick(rng, {"published": 35, "minutes_approved": 40, "minutes_draft": 10, "held": 8,
                                        "cancelled": 7})  # fmt: skip
                else:
                    status = pick(rng, {"planned": 50, "convened": 50})
                kind = pick(rng, kinds)
                approved = status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED)
                meetings.append(
                    Meeting(
                        title=f"{MEETING_TITLES[kind]} — {MONTHS[day.month - 1]} de {day.year}",
                        kind=kind,
                        start=start,
                        end=start + datetime.timedelta(hours=rng.choice([2, 3, 4])),
                        place="Ministerio de Trabajo y Seguridad Social, San José",
                        description="Reunión de la Red de Empresas contra el Trabajo Infantil con la Secretaría.",
                        is_public=rng.random() < 0.5,
                        status=status,
                        convened_at=start - datetime.timedelta(days=15) if status != MeetingStatus.PLANNED else None,
                        cancellation_reason="Reprogramada por agenda del Ministerio." if status == "cancelled" else "",
                        general_conclusions="<p>Se revisaron los avances y se tomaron acuerdos.</p>" if past else "",
                        public_summary="<p>La Red revisó sus avances y acordó los próximos pasos.</p>"
                        if status == MeetingStatus.PUBLISHED
                        else "",
                        minutes_approved_at=start + datetime.timedelta(days=20) if approved else None,
                    )
                )
            Meeting.objects.bulk_create(meetings, batch_size=self.batch)
            if meetings[0].pk is None:
                ids = dict(Meeting.objects.filter(uid__in=[m.uid for m in meetings]).values_list("uid", "pk"))
                for meeting in meetings:
                    meeting.pk = meeting.id = ids[meeting.uid]
            items, invitations, attendance, agreements, responsible = [], [], [], [], []
            for meeting in meetings:
                held = meeting.status not in ("planned", "convened", "cancelled")
                for order, title in enumerate(rng.sample(AGENDA_TITLES, rng.randint(5, 9))):
                    items.append(
                        (
                            meeting.pk,
                            order,
                            datetime.time(9 + order // 2, 30 * (order % 2)),
                            30,
                            "",
                            title,
                            "",
                            "Secretaría Técnica (MTSS)" if order % 3 == 0 else "",
                            "",
                            "<p>Se presentó el tema y se abrió la discusión.</p>" if held else "",
                            "",
                        )
                    )
                guests = rng.sample(invitable, min(len(invitable), rng.randint(8, 20)))
                present = set()  # one line per name in a meeting's attendance register
                for organization in guests:
                    reply = (
                        pick(rng, {"accepted": 70, "declined": 10, "pending": 20})
                        if meeting.status != "planned"
                        else ReplyStatus.PENDING
                    )
                    invitations.append((meeting.pk, organization.pk, "", "", "", reply, "", meeting.convened_at, now))
                    person_id, name = self.people[organization.pk][0]
                    if held and reply != ReplyStatus.DECLINED and name not in present:
                        present.add(name)
                        attendance.append(
                            (
                                meeting.pk,
                                person_id,
                                name,
                                "",
                                organization.pk,
                                organization.short_name or organization.name,
                                AttendanceBody.NETWORK_MEMBERS,
                                AttendanceStatus.PRESENT if rng.random() < 0.9 else AttendanceStatus.EXCUSED,
                                AttendanceRole.DELEGATE,
                                "",
                            )
                        )
                if held:
                    for text in rng.sample(AGREEMENT_TEXTS, rng.randint(1, 4)):
                        due = timezone.localtime(meeting.start).date() + datetime.timedelta(days=rng.randint(15, 90))
                        if due < self.today - datetime.timedelta(days=180):  # old ones are mostly settled
                            status = pick(rng, {"done": 85, "dropped": 10, "in_progress": 3, "pending": 2})
                        elif due < self.today:
                            status = pick(rng, {"done": 50, "in_progress": 20, "pending": 25, "dropped": 5})
                        else:
                            status = pick(rng, {"pending": 60, "in_progress": 40})
                        agreement = Agreement(
                            meeting_id=meeting.pk,
                            text=text,
                            due_date=due,
                            status=status,
                            dropped_reason="Se integró en otro acuerdo." if status == AgreementStatus.DROPPED else "",
                        )
                        agreements.append(agreement)
                        responsible.append((agreement, rng.choice(guests).pk if guests else None))
            fast_insert(AgendaItem, AGENDA_COLUMNS, items)
            fast_insert(Invitation, INVITATION_COLUMNS, invitations)
            fast_insert(Attendance, ATTENDANCE_COLUMNS, attendance)
            Agreement.objects.bulk_create(agreements, batch_size=self.batch)
            through = Agreement.responsible_organizations.through
            through.objects.bulk_create(
                [
                    through(agreement_id=agreement.pk, organization_id=org_id)
                    for agreement, org_id in responsible
                    if org_id is not None and agreement.pk is not None
                ],
                batch_size=self.batch,
            )
            progress.add(len(meetings))

    # --- Self-assessments ---------------------------------------------------------------------

    def make_assessments(self):
        from supplychain.models import (
            Answer,
            Assessment,
            AssessmentStatus,
            QuestionKind,
            Questionnaire,
            SectionScore,
            maturity_for,
        )
        from supplychain.scoring import compute_scores

        rng, total = self.rng, self.sizes["assessments"]
        questionnaire = Questionnaire.objects.current()
        members = [o for o in self.active if not o.is_partner]
        if questionnaire is None or not members or not total:
            self.stdout.write("  no published questionnaire or no active member: skipped")
            return
        sections = list(questionnaire.sections.prefetch_related("questions__options", "questions__condition_option"))
        questions = [q for s in sections for q in s.questions.all()]

        # A few dozen answer profiles, from weak to mature, each scored once with the app's own
        # scoring and shared by many assessments (scoring each one would dominate the run time).
        profiles = []
        for number in range(ANSWER_PROFILES):
            skill = (number + 0.5) / ANSWER_PROFILES
            answers = {}
            for question in questions:
                answer = Answer(question=question)
                options = sorted(question.options.all(), key=lambda o: o.score)
                if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE) and options:
                    position = int(skill * len(options) + rng.uniform(-0.5, 0.5))
                    answer.choices = [options[max(0, min(len(options) - 1, position))].key]
                elif question.kind == QuestionKind.MULTIPLE and options:
                    answer.choices = [o.key for o in options if rng.random() < skill]
                elif question.kind == QuestionKind.SCALE:
                    answer.number = Decimal(max(1, min(5, round(1 + skill * 4 + rng.uniform(-1, 1)))))
                elif question.kind == QuestionKind.NUMBER:
                    answer.number = Decimal(rng.randint(0, 200))
                elif question.kind == QuestionKind.TEXT:
                    answer.text = "Contamos con un procedimiento documentado."
                else:
                    continue  # evidence questions: no file in synthetic data
                answers[question.pk] = answer
            result = compute_scores(questionnaire, sections, answers)
            rows = [(pk, a.choices, a.number, a.text) for pk, a in answers.items()]
            profiles.append((rows, rows[::2], result))

        progress = Progress(self, "self-assessments", total)
        chunk_size = max(self.batch // 10, 100)
        year, now = self.today.year, timezone.now()
        for chunk_start in range(0, total, chunk_size):
            assessments, chosen = [], []
            for index in range(chunk_start, min(total, chunk_start + chunk_size)):
                organization = members[index % len(members)]
                status = pick(rng, {"reviewed": 45, "submitted": 30, "draft": 20, "returned": 5})
                profile = rng.choice(profiles)
                assessment = Assessment(
                    organization=organization,
                    year=year - index // len(members),
                    questionnaire=questionnaire,
                    status=status,
                )
                if status != AssessmentStatus.DRAFT:
                    result = profile[2]
                    assessment.overall_score = result.overall
                    assessment.maturity = maturity_for(result.overall)
                    assessment.risk_flags = result.risk_flags
                    assessment.submitted_at = aware(datetime.date(assessment.year, 3, 15))
                    if status == AssessmentStatus.REVIEWED:
                        assessment.reviewed_at = aware(datetime.date(assessment.year, 4, 15))
                assessments.append(assessment)
                chosen.append(profile)
            Assessment.objects.bulk_create(assessments, batch_size=self.batch)
            if assessments[0].pk is None:
                keys = {(a.organization_id, a.year): a for a in assessments}
                for pk, org_id, a_year in Assessment.objects.filter(
                    organization__in=[a.organization_id for a in assessments]
                ).values_list("pk", "organization_id", "year"):
                    if (org_id, a_year) in keys:
                        keys[(org_id, a_year)].pk = pk
            answer_rows, score_rows = [], []
            for assessment, (complete, partial, result) in zip(assessments, chosen, strict=True):
                draft = assessment.status == AssessmentStatus.DRAFT
                for question_id, choices, number, text in partial if draft else complete:
                    answer_rows.append((assessment.pk, question_id, choices, number, text, "", 1, now))
                if not draft:
                    for section in sections:
                        score = result.sections.get(section.pk)
                        if score is not None:
                            score_rows.append((assessment.pk, section.pk, section.key, score))
            fast_insert(Answer, ANSWER_COLUMNS, answer_rows)
            fast_insert(SectionScore, ["assessment", "section", "section_key", "score"], score_rows)
            progress.add(len(assessments))

    # --- Caches -------------------------------------------------------------------------------

    def invalidate_caches(self):
        """Bulk inserts send no signals: drop the cached pages and data ourselves (every process)."""
        from network_site import page_cache

        page_cache.invalidate()
