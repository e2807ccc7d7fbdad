"""Demo content of the good-practices library: the library page on the regional site, and a few
practices of each network (most published, one waiting for review, one returned).

``load_regional`` runs once, across every network, after the regional app made the regional site.
Idempotent: the page is found by type, practices by network and title. People are fictional and
their e-mails @example.org. Statuses are set directly (no e-mail is queued for the demo); each
practice still gets its history entry.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from members.models import Organization
from network_site.demo_pages import publish, translate_page
from network_site.lifecycle import record_transition
from network_site.models import Network
from network_site.networks import regional_site

from .models import GoodPractice, GoodPracticeLibraryPage, PracticeStatus

LIBRARY_INTRO = (
    "<p>Los activos de la región: acciones, proyectos, programas y experiencias de las redes de empresas "
    "que aportan enfoques y recursos para intervenir sobre los <b>factores de aceleración</b> de la "
    "reducción del trabajo infantil. Cada práctica fue propuesta por una red o por una de sus empresas "
    "y revisada por el equipo regional.</p>"
)

LIBRARY_INTRO_EN = (
    "<p>The region's assets: actions, projects, programmes and experiences of the business networks that "
    "bring approaches and resources to act on the <b>acceleration factors</b> of the reduction of child "
    "labour. Each practice was proposed by a network or one of its companies and reviewed by the regional "
    "team (most are written in Spanish).</p>"
)

# title, factors, area, languages, year, summary, results, contact (name, e-mail, phone), status,
# the organisation's slug (a demo member of that network; else one of its active members)
PRACTICES = {
    "CR": [
        (
            "Becas de permanencia escolar en zonas cafetaleras",
            ["education", "agriculture"],
            "education",
            ["es", "en"],
            2016,
            "Durante la cosecha de café, la empresa y la cooperativa de productores financian becas y "
            "transporte para que los hijos e hijas de las familias recolectoras sigan en la escuela, con "
            "el acompañamiento de los centros educativos de la zona.",
            "420 estudiantes becados en tres cantones; la deserción escolar en temporada de cosecha bajó "
            "del 11 % al 3 % en dos años.",
            ("Mariela Quesada Araya", "mariela.quesada@example.org", "+506 2200 1010"),
            PracticeStatus.PUBLISHED,
            "cafetalera-los-santos",
        ),
        (
            "Casas de la alegría para hijos de recolectores indígenas",
            ["indigenous", "agriculture", "social_protection"],
            "integral_development",
            ["es"],
            2015,
            "Espacios de cuido y estimulación en las fincas para niños y niñas de familias indígenas "
            "migrantes Ngäbe-Buglé mientras sus padres recolectan café, coordinados con el PANI y la CCSS.",
            "14 casas en operación; más de 600 niños y niñas atendidos por temporada, con control de salud.",
            ("Rodrigo Solano Mena", "rodrigo.solano@example.org", "+506 2200 2020"),
            PracticeStatus.PUBLISHED,
            "agroexport-caribe",
        ),
        (
            "Cláusula de trabajo infantil en contratos con proveedores turísticos",
            ["informality", "articulation"],
            "value_chain",
            ["es", "en"],
            2017,
            "Hoteles miembros incluyen en sus contratos con transportistas, guías y proveedores de "
            "alimentos una cláusula de prohibición del trabajo infantil, con una visita anual de verificación.",
            "85 % de los contratos renovados con la cláusula en el primer año.",
            ("Adriana Vargas Rojas", "adriana.vargas@example.org", "+506 2200 3030"),
            PracticeStatus.PROPOSED,
            "hotel-arenal",
        ),
    ],
    "EC": [
        (
            "Empleo juvenil protegido en floricultoras",
            ["youth_employment", "agriculture"],
            "adolescent_workers",
            ["es", "en"],
            2016,
            "Programa de primer empleo para adolescentes de 15 a 17 años en labores no peligrosas de las "
            "floricultoras, con horarios compatibles con el colegio y tutoría del Ministerio del Trabajo.",
            "230 adolescentes contratados con todos sus derechos; el 92 % terminó el bachillerato.",
            ("Paola Andrade Cevallos", "paola.andrade@example.org", "+593 2 200 4040"),
            PracticeStatus.PUBLISHED,
            "floricola-andina",
        ),
        (
            "Registro municipal de situaciones de trabajo infantil en mercados",
            ["articulation", "informality", "migration"],
            "awareness",
            ["es", "pt"],
            2017,
            "Los municipios, las asociaciones de comerciantes y las empresas de la Red identifican a los "
            "niños y niñas que trabajan en los mercados y los refieren a los servicios de protección, con "
            "seguimiento trimestral (inspirado en el Registro Único de Chile).",
            "Cinco municipios adheridos; 310 situaciones referidas y verificadas en el primer año.",
            ("Jorge Salazar Pazmiño", "jorge.salazar@example.org", "+593 2 200 5050"),
            PracticeStatus.PUBLISHED,
            "comisariato-mitad-del-mundo",
        ),
        (
            "Sello de empresa libre de trabajo infantil en la cadena bananera",
            ["agriculture", "social_protection"],
            "value_chain",
            ["es"],
            2017,
            "Sello voluntario para exportadoras que verifican su cadena de proveedores.",
            "",
            ("Lucía Benítez Mora", "lucia.benitez@example.org", "+593 2 200 6060"),
            PracticeStatus.RETURNED,
            "aprobal",
        ),
    ],
}
RETURN_COMMENT = (
    "Por favor describa cómo se verifica la cadena de proveedores y agregue los resultados del primer año."
)


def load(command):
    """Nothing per network: the library and its practices are regional (``load_regional``)."""
    return []


def _library_page(command):
    """The library under the regional site's home page, in Spanish and in English."""
    site = regional_site()
    if site is None:
        return None
    root = site.root_page.specific
    page = GoodPracticeLibraryPage.objects.child_of(root).first()
    if page is None:
        page = GoodPracticeLibraryPage(
            title="Biblioteca de buenas prácticas",
            slug="buenas-practicas",
            intro=LIBRARY_INTRO,
            per_page=12,
            show_in_menus=True,
            search_description="Los activos de las redes de la región por país, factor de aceleración y área.",
        )
        root.add_child(instance=page)
        publish(page)
        command.stdout.write("  Page Biblioteca de buenas prácticas (regional site)")
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and root.get_translation_or_none(english) is not None:
        translate_page(
            page,
            english,
            title="Library of good practices",
            intro=LIBRARY_INTRO_EN,
            search_description="The networks' good practices, by country, acceleration factor and thematic area.",
        )
    return page


def _practices(network):
    members = {
        member.slug: member for member in Organization.objects.filter(network=network).active().order_by("name")
    }
    fallback = list(members.values())
    specs = PRACTICES.get(network.country) or PRACTICES["CR"]
    now = timezone.now()
    for number, spec in enumerate(specs):
        title, factors, area, languages, year, summary, results, contact, status, slug = spec
        if network.country not in PRACTICES:
            title = f"{title} ({network.short_name})"
        if GoodPractice.objects.filter(network=network, title=title).exists():
            continue
        organization = members.get(slug) or (fallback[number % len(fallback)] if fallback else None)
        practice = GoodPractice.objects.create(
            network=network,
            title=title,
            organization=organization,
            acceleration_factors=factors,
            thematic_area=area,
            languages=languages,
            year=year,
            summary=summary,
            results=results,
            contact_name=contact[0],
            contact_email=contact[1],
            contact_phone=contact[2],
            status=status,
            review_comment=RETURN_COMMENT if status == PracticeStatus.RETURNED else "",
            published_at=now - datetime.timedelta(days=30 * (len(specs) - number))
            if status == PracticeStatus.PUBLISHED
            else None,
        )
        if status != PracticeStatus.PROPOSED:
            record_transition(
                practice,
                PracticeStatus.PROPOSED,
                status,
                comment=practice.review_comment,
            )


def load_regional(command):
    _library_page(command)
    for network in Network.objects.all():
        _practices(network)
    return []
