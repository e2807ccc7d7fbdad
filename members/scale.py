"""Scale data of the members app: organisations, their contact people and portal accounts.

Each organisation gets two contact people and a representative's portal account (password
``SCALE_PASSWORD``). Sets ``run.organizations``, ``run.active`` (active members) and
``run.people`` ({organisation id: [(person id, name), ...]}) for the apps after it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from network_site.networks import scopes_disabled
from network_site.scale_data import pick

from .models import (
    MemberDirectoryPage,
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

SIZES = {"tiny": {"organizations": 8}, "national": {"organizations": 300}, "regional": {"organizations": 10_000}}
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


def generate(run):
    with run.step("organisations"):
        run.ensure_page(MemberDirectoryPage, title="Empresas miembros", slug="miembros")
        make_organizations(run)


def make_organizations(run):
    rng, total = run.rng, run.sizes["organizations"]
    with scopes_disabled():  # slugs and e-mail addresses unique in every network
        first = Organization.objects.filter(slug__startswith="escala-").count()
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
                network=run.network,
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
                date_joined=run.today - datetime.timedelta(days=rng.randint(60, 3000))
                if status != MembershipStatus.APPLICANT
                else None,
            )
        )
    progress = run.progress("organisations", total)
    for start in range(0, total, run.batch):
        chunk = organizations[start : start + run.batch]
        Organization.objects.bulk_create(chunk, batch_size=run.batch)
        progress.add(len(chunk))
    # bulk_create returns primary keys on PostgreSQL and recent SQLite; fetch them to be sure.
    run.organizations = list(Organization.objects.filter(slug__in=[o.slug for o in organizations]).order_by("slug"))
    run.active = [o for o in run.organizations if o.is_active_member]

    password = make_password(SCALE_PASSWORD)
    user_model = get_user_model()
    people, users = [], []
    for organization in run.organizations:
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
                users.append(user_model(email=email, first_name=first_name, last_name=last_name, password=password))
    Person.objects.bulk_create(people, batch_size=run.batch)
    user_model.objects.bulk_create(users, batch_size=run.batch)
    people_by_email = dict(Person.objects.filter(organization__in=run.organizations).values_list("email", "pk"))
    users_by_email = dict(user_model.objects.filter(email__endswith=EMAIL_DOMAIN).values_list("email", "pk"))
    accounts = []
    for organization in run.organizations:
        email = f"contacto1.{organization.slug}@{EMAIL_DOMAIN}"
        accounts.append(
            PortalAccount(
                user_id=users_by_email[email],
                organization=organization,
                role=PortalRole.OBSERVER if organization.is_partner else PortalRole.REPRESENTATIVE,
                person_id=people_by_email[email],
            )
        )
    PortalAccount.objects.bulk_create(accounts, batch_size=run.batch)
    run.people = {}
    for organization_id, pk, name in Person.objects.filter(organization__in=run.organizations).values_list(
        "organization_id", "pk", "name"
    ):
        run.people.setdefault(organization_id, []).append((pk, name))
    run.stdout.write(f"  {len(people):,} contact people, {len(accounts):,} portal accounts")
