"""Demo content of the regional site: its Site, home page and observatory, in Spanish and English.

``load_regional(command)`` runs once, across every network (``load_demo_data``), before the
good-practices library and the cooperation board add their pages under the same home page
(``regional_site().root_page``). It is idempotent: it finds the Site no network owns (another
part of the demo may have created it, with a plain page as its root, which is then replaced),
and creates it only when there is none.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale, Page, Site

from network_site.demo_pages import publish, translate_page
from network_site.networks import regional_site

from .models import RegionalHomePage, RegionalObservatoryPage

HOSTNAME = "regional.localhost"
SITE_NAME = "Iniciativa Regional América Latina y el Caribe libre de trabajo infantil"


def _port():
    parts = urlsplit(settings.BASE_URL)
    return parts.port or (443 if parts.scheme == "https" else 80)


def _new_home():
    return RegionalHomePage(
        title="Iniciativa Regional",
        slug="iniciativa-regional",
        hero_title=SITE_NAME,
        hero_text=(
            "Veintisiete países de América Latina y el Caribe trabajan juntos para acelerar la erradicación del "
            "trabajo infantil. Las redes nacionales de empresas comparten aquí sus cifras, sus buenas prácticas "
            "y su cooperación Sur-Sur."
        ),
        introduction=(
            "<p>La Iniciativa Regional es una alianza de gobiernos, organizaciones de empleadores y de "
            "trabajadores, con el acompañamiento de la OIT como secretaría técnica. Las redes de empresas contra "
            "el trabajo infantil de cada país aportan sus compromisos, su avance y sus autodiagnósticos de la "
            "cadena de valor.</p>"
            "<p>El observatorio regional pone a las redes una al lado de la otra con las mismas reglas: solo "
            "datos públicos y aprobados, e indicadores comparables entre redes grandes y pequeñas.</p>"
        ),
        networks_title="Las redes nacionales",
        seo_title="Iniciativa Regional América Latina y el Caribe libre de trabajo infantil",
        search_description=(
            "Las redes nacionales de empresas contra el trabajo infantil, su observatorio regional, buenas "
            "prácticas y cooperación Sur-Sur."
        ),
    )


def ensure_site(command):
    """The regional Site with a RegionalHomePage as its root (found, completed or created)."""
    root = Page.get_first_root_node()
    site = regional_site()
    home = RegionalHomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if site is not None and isinstance(site.root_page.specific, RegionalHomePage):
        return site, site.root_page.specific
    if home is None:
        home = _new_home()
        root.add_child(instance=home)
        publish(home)
        command.stdout.write("  Page Iniciativa Regional (regional home page)")
    if site is None:
        site = Site.objects.create(hostname=HOSTNAME, port=_port(), root_page=home, site_name=SITE_NAME)
        command.stdout.write(f"  Regional site http://{HOSTNAME}:{site.port}/")
        return site, home
    old_root = site.root_page
    for child in old_root.get_children():  # pages another part of the demo put under a plain root
        child.move(home, pos="last-child")
    site.root_page = home
    site.site_name = site.site_name or SITE_NAME
    site.save()
    old_root.refresh_from_db()
    if old_root.specific_class is Page and not old_root.get_children().exists():
        old_root.delete()
    command.stdout.write("  The regional site's root is now the regional home page.")
    return site, home


def load_regional(command):
    site, home = ensure_site(command)
    observatory = RegionalObservatoryPage.objects.child_of(home).first()
    if observatory is None:
        observatory = RegionalObservatoryPage(
            title="Observatorio regional",
            slug="observatorio",
            intro=(
                "<p>Miembros, compromisos y avance de cada red nacional, por país, área temática y factor "
                "acelerador, con los mismos criterios en todas las redes. Los datos se pueden descargar en "
                "formato abierto.</p>"
            ),
            show_in_menus=True,
            search_description="Cifras comparables de las redes nacionales de empresas contra el trabajo infantil.",
        )
        home.add_child(instance=observatory)
        publish(observatory)
        command.stdout.write("  Page Observatorio regional")
    english, _created = Locale.objects.get_or_create(language_code="en")
    translate_page(
        home,
        english,
        title="Regional Initiative",
        hero_title="Latin America and the Caribbean Free of Child Labour Regional Initiative",
        hero_text=(
            "Twenty-seven countries of Latin America and the Caribbean work together to speed up the end of child "
            "labour. The national business networks share their figures, good practices and South-South "
            "cooperation here."
        ),
        introduction=(
            "<p>The Regional Initiative is an alliance of governments, employers' and workers' organisations, with "
            "the ILO as its technical secretariat. Each country's business network against child labour brings "
            "its commitments, their progress and the value-chain self-assessments of its members.</p>"
            "<p>The regional observatory puts the networks side by side with the same rules: public, approved "
            "data only, and indicators that compare large and small networks.</p>"
        ),
        networks_title="The national networks",
        seo_title="Latin America and the Caribbean Free of Child Labour Regional Initiative",
        search_description=(
            "The national business networks against child labour, their regional observatory, good practices and "
            "South-South cooperation."
        ),
    )
    translate_page(
        observatory,
        english,
        title="Regional observatory",
        intro=(
            "<p>Members, commitments and progress of each national network, by country, thematic area and "
            "acceleration factor, with the same criteria in every network. The data can be downloaded as open "
            "data.</p>"
        ),
        search_description="Comparable figures of the national business networks against child labour.",
    )
    command.stdout.write(
        f"  Regional site: http://{site.hostname}:{site.port}/es/ (observatory: /es/{observatory.slug}/)"
    )
    return []
