"""Demo content of the members app: each network's organisations, fictional contacts, logins and pages.

``load(command)`` runs once per network (``current_network()``: Costa Rica's seed organisations here,
Ecuador's in ``members.demo_ecuador``). It is idempotent: organisations, people and users are looked
up by slug or e-mail before being created. It returns the demo logins that ``make run`` prints:
the superuser (with the default Site's network), the network's secretariat (a staff member of that
network only, with the permissions of the groups "Secretaría" and "Secretaría · <network>"), its
members' representatives and an observer. ``load_regional`` adds the regional staff member (group
``REGIONAL_GROUP``: the admin's every view permission, across networks). Every person is fictional;
e-mails use example.org and none is used by two networks.
"""

import datetime
import io
from types import SimpleNamespace

from PIL import Image as PILImage
from PIL import ImageDraw

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from wagtail.models import Locale

from members.models import (
    Application,
    JoinPage,
    MemberDirectoryPage,
    MembershipStatus,
    Organization,
    Person,
    PortalAccount,
    PortalRole,
)
from network_site import staff
from network_site.demo_images import font as demo_font
from network_site.demo_images import get_or_add_image
from network_site.demo_pages import add_to_home, get_collection, network_home, translate_page
from network_site.lifecycle import record_transition
from network_site.models import StaffMembership, StaffRole
from network_site.networks import current_network

from . import demo_ecuador

DEMO_PASSWORD = "demo-red-2026"  # noqa: S105  (printed by `make run`; demo data only)
#: The superuser (every network, every permission).
SECRETARIAT_EMAIL = "secretaria@example.org"
#: Costa Rica's secretariat login: (e-mail, first name, last name).
SECRETARIAT = ("secretaria.costarica@example.org", "Daniela", "Rojas Solano")
#: The regional initiative's staff login (reads every network).
REGIONAL = ("regional@example.org", "Lucía", "Fernández Ortiz")

# slug, name, short name, kind, sector, size, scope, region, description, joined, colour, contact
MEMBERS = [
    (
        "nestle",
        "Nestlé Costa Rica",
        "Nestlé",
        "company",
        "agroindustry",
        "large",
        "transnational",
        "Heredia",
        "Empresa de alimentos y bebidas. Promueve el trabajo decente en su cadena de suministro de café y "
        "lácteos, con capacitación a proveedores sobre la prevención del trabajo infantil.",
        datetime.date(2013, 6, 12),
        (0, 84, 147),
        ("Adriana", "Villalobos Mora", "Gerente de Asuntos Corporativos"),
    ),
    (
        "uccaep",
        "Unión Costarricense de Cámaras y Asociaciones del Sector Empresarial Privado",
        "UCCAEP",
        "chamber",
        "services",
        "large",
        "national",
        "San José",
        "Agrupa a 51 cámaras empresariales y lleva el compromiso de la Red a sus afiliadas.",
        datetime.date(2013, 6, 12),
        (26, 95, 122),
        ("Jorge", "Castro Araya", "Director de Responsabilidad Social"),
    ),
    (
        "bac-credomatic",
        "BAC Credomatic",
        "BAC",
        "company",
        "finance",
        "large",
        "transnational",
        "San José",
        "Institución financiera privada. Incluye criterios de prevención del trabajo infantil en la evaluación "
        "social de los créditos a empresas.",
        datetime.date(2014, 3, 4),
        (200, 16, 46),
        ("Luisa", "Méndez Quirós", "Coordinadora de Sostenibilidad"),
    ),
    (
        "cenada-pima",
        "Centro Nacional de Abastecimiento y Distribución de Alimentos (CENADA-PIMA)",
        "CENADA-PIMA",
        "public",
        "commerce",
        "large",
        "national",
        "Heredia",
        "Mercado mayorista de productos agropecuarios: vigila que ninguna persona menor de edad trabaje en "
        "carga y descarga dentro de sus instalaciones.",
        datetime.date(2014, 3, 4),
        (46, 125, 50),
        ("Carlos", "Rojas Jiménez", "Jefe de Operaciones"),
    ),
    (
        "comercio-justo",
        "Oficina Nacional de Comercio Justo",
        "Comercio Justo",
        "cooperative",
        "agriculture",
        "medium",
        "national",
        "Alajuela",
        "Reúne a 18 organizaciones de pequeños productores certificadas en comercio justo, que prohíbe el "
        "trabajo infantil en sus fincas.",
        datetime.date(2015, 8, 20),
        (121, 85, 72),
        ("Silvia", "Brenes Ulate", "Coordinadora Nacional"),
    ),
    (
        "bncr",
        "Banco Nacional de Costa Rica",
        "BNCR",
        "public",
        "finance",
        "large",
        "national",
        "San José",
        "Institución financiera pública. Promueve entre sus clientes pymes la prevención del trabajo infantil.",
        datetime.date(2015, 8, 20),
        (0, 94, 61),
        ("Andrés", "Solís Vargas", "Oficial de Banca Responsable"),
    ),
    (
        "aed",
        "Asociación Empresarial para el Desarrollo",
        "AED",
        "civil_society",
        "services",
        "medium",
        "national",
        "San José",
        "Organización que impulsa la responsabilidad social empresarial y articula alianzas público-privadas.",
        datetime.date(2013, 6, 12),
        (0, 122, 135),
        ("Mariela", "Chaves Arias", "Gerente de Alianzas"),
    ),
    (
        "cafetalera-los-santos",
        "Cooperativa Cafetalera de Los Santos",
        "Coopesantos Café",
        "cooperative",
        "agriculture",
        "medium",
        "national",
        "San José",
        "Cooperativa de productores de café de la Zona de Los Santos; acompaña a las familias recolectoras "
        "para que sus hijos sigan en la escuela durante la cosecha.",
        datetime.date(2017, 2, 15),
        (93, 64, 55),
        ("Esteban", "Navarro Fallas", "Gerente General"),
    ),
    (
        "hotel-arenal",
        "Hotel Bosque Arenal",
        "Bosque Arenal",
        "company",
        "tourism",
        "small",
        "national",
        "Alajuela",
        "Hotel de turismo rural comprometido con la protección de niñas, niños y adolescentes en el turismo.",
        datetime.date(2018, 5, 9),
        (56, 142, 60),
        ("Gabriela", "Picado Soto", "Propietaria"),
    ),
    (
        "agroexport-caribe",
        "Agroexportadora del Caribe S.A.",
        "Agroexport Caribe",
        "company",
        "agriculture",
        "large",
        "transnational",
        "Limón",
        "Productora y exportadora de banano y piña; audita a sus fincas proveedoras.",
        datetime.date(2016, 11, 3),
        (249, 168, 37),
        ("Rodrigo", "Salas Camacho", "Gerente de Cumplimiento Social"),
    ),
]
SUSPENDED = (
    "supermercados-canasta",
    "Supermercados La Canasta",
    "La Canasta",
    "company",
    "commerce",
    "medium",
    "national",
    "Puntarenas",
    "Cadena regional de supermercados.",
    datetime.date(2016, 4, 18),
    (120, 120, 120),
    ("Fernando", "Alfaro Leiva", "Gerente de Recursos Humanos"),
)
PARTNERS = [
    ("mtss", "Ministerio de Trabajo y Seguridad Social", "MTSS", "public", (0, 51, 102), "San José"),
    ("oit", "Organización Internacional del Trabajo", "OIT", "international", (0, 93, 170), "San José"),
    ("pani", "Patronato Nacional de la Infancia", "PANI", "public", (230, 81, 0), "San José"),
    ("unicef", "Fondo de las Naciones Unidas para la Infancia", "UNICEF", "international", (28, 171, 226), "San José"),
]
APPLICATION = {
    "name": "Beneficio de Café Tarrazú S.A.",
    "kind": "company",
    "sector": "agroindustry",
    "size": "medium",
    "scope": "national",
    "region": "San José",
    "website": "https://cafetarrazu.example.org",
    "description": "Beneficio de café que compra a 600 pequeños productores de la Zona de Los Santos.",
    "contact_name": "Laura Gamboa Fernández",
    "contact_position": "Gerente de Sostenibilidad",
    "contact_email": "solicitud@example.org",
    "contact_phone": "+506 2546 0000",
}


def content_for(network):
    """The members content of `network` by its country (Costa Rica's for any other)."""
    if network is not None and network.country == "EC":
        data = demo_ecuador
        return SimpleNamespace(
            members=data.MEMBERS,
            suspended=data.SUSPENDED,
            partners=data.PARTNERS,
            phone=data.PHONE,
            observer=data.OBSERVER,
            application=data.APPLICATION,
            join_title=data.JOIN_TITLE,
            join_intro=data.JOIN_INTRO,
            directory_intro=data.DIRECTORY_INTRO,
            secretariat=data.SECRETARIAT,
        )
    return SimpleNamespace(
        members=MEMBERS,
        suspended=SUSPENDED,
        partners=PARTNERS,
        phone="+506 2200 0000",
        observer=("unicef", "unicef@example.org", "Observadora", "UNICEF"),
        application=APPLICATION,
        join_title="Únase a la Red",
        join_intro=(
            "<p>La Red reúne a empresas, cámaras y cooperativas que se comprometen a prevenir y erradicar el "
            "trabajo infantil en sus operaciones y cadenas de valor. Complete el formulario y la secretaría "
            "(Ministerio de Trabajo y Seguridad Social) le contactará.</p>"
        ),
        directory_intro=(
            "<p>Empresas y organizaciones que forman parte de la Red de Empresas contra el Trabajo Infantil de "
            "Costa Rica.</p>"
        ),
        secretariat=SECRETARIAT,
    )


def _logo(collection, slug, text, colour):
    """A simple logo: the short name in white on the organisation's colour."""
    return get_or_add_image(
        f"Logotipo: {text}",
        lambda: _draw_logo(text, colour),
        collection=collection,
        filename=f"logo-{slug}.png",
        description=f"Logotipo de {text}",
    )


def _draw_logo(text, colour):
    image = PILImage.new("RGB", (480, 240), colour)
    draw = ImageDraw.Draw(image)
    font = demo_font(54 if len(text) <= 10 else 36)
    box = draw.textbbox((0, 0), text, font=font)
    position = ((480 - (box[2] - box[0])) / 2, (240 - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, text, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _user(email, *, password_hash, first_name="", last_name="", staff=False, superuser=None):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        superuser = staff if superuser is None else superuser
        user = User(email=email, first_name=first_name, last_name=last_name, is_staff=staff, is_superuser=superuser)
        user.password = password_hash
        user.save()
    return user


def _secretariat(network, content, *, password_hash):
    """The network's secretariat: staff (not superuser) of this network only, with both groups."""
    email, first_name, last_name = content.secretariat
    user = _user(
        email,
        password_hash=password_hash,
        first_name=first_name,
        last_name=last_name,
        staff=True,
        superuser=False,
    )
    StaffMembership.objects.get_or_create(user=user, network=network, defaults={"role": StaffRole.SECRETARIAT})
    return user


def _organization(collection, data, status):
    slug, name, short_name, kind, sector, size, scope, region, description, joined, colour, _contact = data
    organization = Organization.objects.filter(slug=slug).first()
    if organization is not None:
        return organization, False
    organization = Organization.objects.create(
        slug=slug,
        name=name,
        short_name=short_name,
        kind=kind,
        sector=sector,
        size=size,
        scope=scope,
        region=region,
        description=description,
        website=f"https://{slug}.example.org",
        logo=_logo(collection, slug, short_name, colour),
        membership_status=MembershipStatus.ACTIVE,
        date_joined=joined,
    )
    record_transition(
        organization,
        MembershipStatus.APPLICANT,
        MembershipStatus.ACTIVE,
        comment="Firma del acuerdo voluntario de la Red.",
        timestamp=datetime.datetime.combine(joined, datetime.time(10), tzinfo=datetime.UTC),
    )
    if status == MembershipStatus.SUSPENDED:
        organization.transition_to(
            MembershipStatus.SUSPENDED, comment="No ha presentado informes de avance en el último año."
        )
    return organization, True


def _contact(organization, contact, *, password_hash, phone):
    first, last, position = contact
    user_email = f"{organization.slug}@example.org"
    person = Person.objects.filter(email=user_email).first() or Person.objects.create(
        organization=organization,
        name=f"{first} {last}",
        position=position,
        email=user_email,
        phone=phone,
        is_focal_point=True,
        languages="es",
    )
    user = _user(user_email, password_hash=password_hash, first_name=first, last_name=last)
    PortalAccount.objects.get_or_create(
        user=user, defaults={"organization": organization, "role": PortalRole.REPRESENTATIVE, "person": person}
    )
    return user_email


def _pages(command, content):
    home = network_home()
    if home is None:
        return
    pages = [
        JoinPage(
            title=content.join_title,
            slug="unase",
            intro=content.join_intro,
            principles="<ol><li>Ninguna persona menor de 15 años trabaja en nuestras operaciones.</li>"
            "<li>Las personas adolescentes trabajadoras solo realizan trabajos permitidos y protegidos.</li>"
            "<li>Promovemos el mismo compromiso en nuestra cadena de valor.</li>"
            "<li>Informamos cada trimestre sobre nuestros compromisos.</li></ol>",
        ),
        MemberDirectoryPage(
            title="Miembros de la Red",
            slug="miembros",
            show_in_menus=True,
            intro=content.directory_intro,
        ),
    ]
    english = Locale.objects.filter(language_code="en").first()
    english_home = home.get_translation_or_none(english) if english else None
    english_pages = {"unase": ("Join the Network", "join"), "miembros": ("Network members", "members")}
    for page in pages:
        existing = add_to_home(command, page)
        if english_home is not None:
            title, slug = english_pages[existing.slug]
            translate_page(existing, english, title=title, slug=slug)


def load(command):
    network = current_network()
    content = content_for(network)
    password_hash = make_password(DEMO_PASSWORD)
    logos = get_collection("Logotipos de miembros")
    created = 0
    member_logins = []
    superuser = _user(
        SECRETARIAT_EMAIL, password_hash=password_hash, first_name="Secretaría", last_name="MTSS", staff=True
    )
    for data, status in [
        *((m, MembershipStatus.ACTIVE) for m in content.members),
        (content.suspended, MembershipStatus.SUSPENDED),
    ]:
        organization, new = _organization(logos, data, status)
        created += new
        email = _contact(organization, data[-1], password_hash=password_hash, phone=content.phone)
        if status == MembershipStatus.ACTIVE:
            member_logins.append((organization.short_name, email))
    for slug, name, short_name, kind, colour, region in content.partners:
        if not Organization.objects.filter(slug=slug).exists():
            Organization.objects.create(
                slug=slug,
                name=name,
                short_name=short_name,
                kind=kind,
                sector="services",
                scope="transnational" if kind == "international" else "national",
                region=region,
                is_partner=True,
                logo=_logo(logos, slug, short_name, colour),
                website=f"https://{slug}.example.org",
            )
            created += 1
    observer_slug, observer_email, observer_first, observer_last = content.observer
    observed = Organization.objects.get(slug=observer_slug)
    observer = _user(observer_email, password_hash=password_hash, first_name=observer_first, last_name=observer_last)
    PortalAccount.objects.get_or_create(
        user=observer, defaults={"organization": observed, "role": PortalRole.OBSERVER}
    )
    application = content.application
    if not Application.objects.filter(contact_email=application["contact_email"]).exists():
        Application.objects.create(**application, accepts_principles=True, language="es")
    _pages(command, content)
    secretariat = _secretariat(network, content, password_hash=password_hash) if network is not None else None
    command.stdout.write(f"  {created} organisations created." if created else "  Members already loaded.")
    name = network.short_name if network is not None else ""
    logins = []
    if network is None or (network.site_id and network.site.is_default_site):
        logins.append(f"Superusuario, todas las redes (admin /admin/): {superuser.email} / {DEMO_PASSWORD}")
    if secretariat is not None:
        logins.append(f"[{name}] Secretaría de la red (admin /admin/): {secretariat.email} / {DEMO_PASSWORD}")
    prefix = f"[{name}] " if name else ""
    logins += [
        f"{prefix}Representante de {member} (portal /portal/): {email} / {DEMO_PASSWORD}"
        for member, email in member_logins
    ]
    logins.append(
        f"{prefix}Observadora de {observed.short_name}, institución aliada (portal /portal/): "
        f"{observer_email} / {DEMO_PASSWORD}"
    )
    return logins


def load_regional(command):
    """The regional initiative's staff member: every network's data, read only (group ``REGIONAL_GROUP``)."""
    email, first_name, last_name = REGIONAL
    user = _user(
        email,
        password_hash=make_password(DEMO_PASSWORD),
        first_name=first_name,
        last_name=last_name,
        staff=True,
        superuser=False,
    )
    user.groups.add(staff.regional_group())
    return [f"Equipo regional, lectura de todas las redes (admin /admin/): {email} / {DEMO_PASSWORD}"]
