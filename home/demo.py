"""Demo content of the public site, drawn from the 2017 exchange's systematisation (the seed).

``load(command)`` runs once per network (``current_network()``: Costa Rica's content here, Ecuador's
in ``home.demo_ecuador``) and builds the tree on that network's Site. It is idempotent: when the
Site's tree has the demo news it returns at once. It replaces the Site's placeholder root
(Wagtail's welcome page, or the plain page of a new network's Site) with the HomePage, creates
the "Quiénes somos" pages, the news with illustrations drawn with Pillow, the document library
with small PDFs, the site settings, and the English translations of the home page and the
"Quiénes somos" pages.
"""

import datetime
import io
import textwrap
from types import SimpleNamespace

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from network_site import demo_networks
from network_site.demo_images import font as demo_font
from network_site.demo_images import get_or_add_image
from network_site.demo_pages import get_collection, network_site, publish, translate_page
from network_site.links import site_address
from network_site.networks import current_network

from . import demo_ecuador as ecuador
from .models import (
    DocumentLibraryPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
)

NETWORK = "Red de Empresas contra el Trabajo Infantil"
PRIMARY = (11, 79, 108)
ACCENT = (179, 84, 30)
SOFT = (238, 244, 247)

ACCELERATION_FACTORS = [
    "Agricultura y sector rural",
    "Educación",
    "Empleo juvenil",
    "Protección social",
    "Migración",
    "Informalidad",
    "Comunidades indígenas",
    "Articulación y descentralización de políticas",
]

CATEGORIES = [
    ("Eventos", "eventos", "Encuentros, conversatorios y actividades de la Red."),
    ("Alianzas", "alianzas", "Cooperación con instituciones, organismos internacionales y otras redes."),
    ("Sistemas de información", "sistemas-de-informacion", "Seguimiento y monitoreo del trabajo infantil."),
    ("Institucional", "institucional", "Acuerdos, compromisos y noticias de la Red."),
    ("Iniciativa Regional", "iniciativa-regional", "La Iniciativa Regional América Latina y el Caribe libre de TI."),
]


def p(*paragraphs):
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))]


NEWS = [
    {
        "title": "Costa Rica, Chile y El Salvador intercambian experiencias sobre el seguimiento del trabajo infantil",
        "slug": "intercambio-costa-rica-chile-el-salvador",
        "date": datetime.date(2017, 3, 27),
        "summary": (
            "Del 27 al 29 de marzo de 2017, funcionarios de los tres países compartieron en San José sus sistemas "
            "de información y sus estrategias con el sector empresarial, en el marco de la cooperación Sur-Sur."
        ),
        "categories": ["eventos", "alianzas"],
        "tags": ["intercambio 2017", "cooperación Sur-Sur", "Chile", "El Salvador"],
        "body": [
            *p(
                "El Ministerio de Trabajo y Seguridad Social (MTSS), la Oficina de la OIT para América Central, "
                "Haití, Panamá y República Dominicana y la Iniciativa Regional América Latina y el Caribe libre de "
                "Trabajo Infantil organizaron un intercambio de experiencias entre Costa Rica, Chile y El Salvador.",
                "La agenda, acordada entre los tres países, incluyó presentaciones, conversatorios y visitas al "
                "Comité Directivo Nacional, a la Red de Empresas contra el Trabajo Infantil y al Patronato "
                "Nacional de la Infancia (PANI).",
            ),
            ("heading", {"text": "Cooperación entre países", "level": "h2"}),
            *p(
                "La cooperación Sur-Sur busca compartir experiencias y buenas prácticas con espíritu de "
                "solidaridad. La Iniciativa Regional es un buen ejemplo de cooperación Sur-Sur y triangular."
            ),
            (
                "quote",
                {
                    "quote": "Este tipo de encuentros facilitan el tránsito de la información y el entendimiento "
                    "de los retos y desafíos que estos temas conllevan.",
                    "attribution": "Conclusiones del intercambio, marzo de 2017",
                },
            ),
        ],
    },
    {
        "title": "El Registro Único de Chile, una buena práctica reconocida por la OIT",
        "slug": "registro-unico-chile",
        "date": datetime.date(2017, 3, 27),
        "summary": (
            "El SENAME presentó el Sistema de Registro Único de Peores Formas de Trabajo Infantil, que cuantifica "
            "a niños, niñas y adolescentes en esas situaciones y coordina su atención oportuna."
        ),
        "categories": ["sistemas-de-informacion"],
        "tags": ["Registro Único", "Chile", "intercambio 2017"],
        "body": p(
            "Desde 2003, el Registro Único reúne la información de Carabineros, la Policía de Investigaciones, la "
            "Dirección del Trabajo y la red del SENAME. Cada caso pasa por etapas de seguimiento: en espera de "
            "derivación, derivado y cerrado.",
            "En 2010 el sistema fue elegido por la OIT como una de las veintidós mejores prácticas en la Feria de "
            "Conocimientos de la Conferencia Mundial sobre Trabajo Infantil de La Haya.",
            "La expositora subrayó la importancia de definir criterios comunes de identificación, localización e "
            "intervención para todas las personas que alimentan el sistema.",
        ),
    },
    {
        "title": "SIMETI: así monitorea El Salvador el trabajo infantil",
        "slug": "simeti-el-salvador",
        "date": datetime.date(2017, 3, 27),
        "summary": (
            "El Sistema de Información para Monitoreo y Evaluación del Trabajo Infantil reúne los datos de 18 "
            "instituciones públicas y privadas en una plataforma web con información pública."
        ),
        "categories": ["sistemas-de-informacion"],
        "tags": ["SIMETI", "El Salvador", "intercambio 2017"],
        "body": [
            *p(
                "El Ministerio de Economía de El Salvador lidera el SIMETI, producto de un convenio de cooperación "
                "interinstitucional. Cada institución lo alimenta por medio de enlaces institucionales, y el tema "
                "forma parte de sus planes anuales operativos, lo que le da sostenibilidad.",
                "El sistema permite dar seguimiento cada tres meses, o según la frecuencia de cada indicador, a la "
                "Hoja de Ruta, y publicar noticias, estudios y documentos.",
            ),
            ("heading", {"text": "Próximos pasos del SIMETI", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ul><li>Un tutorial de la herramienta de análisis.</li><li>Fotografías en documentos y "
                    "noticias.</li><li>Aulas virtuales sobre trabajo infantil.</li><li>Buenas prácticas para la "
                    "erradicación de las peores formas.</li></ul>"
                ),
            ),
        ],
    },
    {
        "title": "El Comité Directivo Nacional analiza un sistema de información sobre trabajo infantil",
        "slug": "comite-directivo-sistema-de-informacion",
        "date": datetime.date(2017, 3, 28),
        "summary": (
            "Tras conocer las experiencias de Chile y El Salvador, el Comité propuso un mapeo de sistemas y un "
            "inventario de la información que cada institución puede aportar."
        ),
        "categories": ["institucional", "sistemas-de-informacion"],
        "tags": ["Comité Directivo Nacional", "intercambio 2017", "UNICEF"],
        "body": p(
            "El sistema debería fortalecer la estrategia intersectorial, alimentarse de diversas fuentes y servir de "
            "soporte a políticas, programas y acciones. No se trata de un expediente electrónico, sino de una "
            "herramienta de seguimiento y monitoreo.",
            "UNICEF ofreció apoyar una consultoría para mapear los sistemas existentes, facilitar un taller de "
            "acuerdos y redactar una nota conceptual para el Consejo Nacional de Niñez y Adolescencia.",
        ),
    },
    {
        "title": "Conversatorio con la Red de Empresas: retos y oportunidades del trabajo en red",
        "slug": "conversatorio-red-de-empresas",
        "date": datetime.date(2017, 3, 29),
        "summary": (
            "Ocho organizaciones de la Red dialogaron con las delegaciones de Chile y El Salvador sobre el valor "
            "de trabajar en red y el papel del Ministerio de Trabajo."
        ),
        "categories": ["eventos", "institucional"],
        "tags": ["Red de Empresas", "intercambio 2017", "cadena de valor"],
        "body": [
            *p(
                "Participaron empresas y gremios como Nestlé, UCCAEP, BAC Credomatic, CENADA-PIMA, Comercio Justo, "
                "el Banco Nacional y la Asociación Empresarial para el Desarrollo (AED).",
                "Entre los valores agregados de la Red se señalaron: conocer las experiencias de otros miembros, "
                "entender el problema y compartir estrategias, asumir un posicionamiento público y actuar sobre la "
                "cadena de valor.",
            ),
            (
                "quote",
                {
                    "quote": "El punto de partida de la red fue de orden político, lo que da impulso e interés al "
                    "sector privado para involucrarse en el tema.",
                    "attribution": "Sistematización del intercambio, 2017",
                },
            ),
        ],
    },
    {
        "title": "Empresas firman en Casa Presidencial su compromiso contra el trabajo infantil",
        "slug": "firma-casa-presidencial",
        "date": datetime.date(2016, 6, 10),
        "summary": (
            "Más de diez empresas nacionales y transnacionales firmaron un acuerdo voluntario para defender los "
            "derechos de la población menor de edad trabajadora, con el MTSS, la OIT y UNICEF como testigos."
        ),
        "categories": ["institucional"],
        "tags": ["Casa Presidencial", "compromiso", "Red de Empresas"],
        "body": p(
            "En el acuerdo, las empresas manifestaron unirse a la defensa y promoción de los derechos de la "
            "población menor de edad trabajadora, especialmente el derecho a la educación, la salud y el desarrollo "
            "integral.",
            "Acordaron, de manera voluntaria, consolidar y formar parte de la Red de Empresas contra el Trabajo "
            "Infantil de Costa Rica y apoyar los esfuerzos que por esta vía se definan en el futuro.",
        ),
    },
    {
        "title": "Día Mundial contra el Trabajo Infantil: la Red renueva su compromiso",
        "slug": "dia-mundial-contra-el-trabajo-infantil-2017",
        "date": datetime.date(2017, 6, 12),
        "summary": (
            "Cada 12 de junio, las empresas de la Red recuerdan que en la región aún hay 12,5 millones de niños, "
            "niñas y adolescentes en trabajo infantil, 9 millones de ellos en trabajos peligrosos."
        ),
        "categories": ["institucional", "iniciativa-regional"],
        "tags": ["Día Mundial", "compromiso"],
        "body": p(
            "Según las estimaciones mundiales de la OIT, el 8,8 % de la población de 5 a 17 años de la región "
            "trabaja. Es un número todavía grande como para abandonar el esfuerzo.",
            "Las empresas de la Red se comprometen a revisar sus cadenas de valor y a apoyar la educación de las "
            "personas adolescentes trabajadoras.",
        ),
    },
    {
        "title": "Políticas del sector privado para alcanzar la Meta 8.7 de los ODS",
        "slug": "meta-8-7-ods-sector-privado",
        "date": datetime.date(2017, 3, 28),
        "summary": (
            "La OIT presentó los resultados del encuentro de México (diciembre de 2016) y se discutió el papel del "
            "sector público para movilizar a las empresas."
        ),
        "categories": ["alianzas"],
        "tags": ["ODS 8.7", "OIT", "intercambio 2017"],
        "body": p(
            "La sesión de trabajo abordó cómo el sector público puede movilizar al sector privado en la prevención "
            "y eliminación del trabajo infantil, y cómo las redes de empresas pueden sumar a otros sectores.",
        ),
    },
    {
        "title": "Reunión con el PANI sobre la lucha contra la explotación sexual comercial",
        "slug": "reunion-pani-esc",
        "date": datetime.date(2017, 3, 29),
        "summary": (
            "A solicitud del SENAME, la delegación conversó con la Gerencia Técnica del PANI y la Secretaría "
            "Ejecutiva de la CONACOES sobre los desafíos de detección."
        ),
        "categories": ["alianzas"],
        "tags": ["PANI", "intercambio 2017", "Chile"],
        "body": p(
            "Costa Rica ha trabajado durante más de dos décadas estrategias focalizadas en este tema. El PANI "
            "señaló que la detección de víctimas ha bajado y que el problema se mueve de manera encubierta.",
            "También se conversó sobre el modelo de hogares solidarios y la primera infancia; Chile se comprometió "
            "a enviar información.",
        ),
    },
    {
        "title": "La Red costarricense se inspira en la experiencia de Ecuador",
        "slug": "experiencia-ecuador",
        "date": datetime.date(2014, 10, 15),
        "summary": (
            "Un taller con representantes de la red ecuatoriana sentó las bases del modelo de Costa Rica, que se "
            "suma a las redes de Argentina, Colombia, Chile y Panamá."
        ),
        "categories": ["alianzas"],
        "tags": ["Ecuador", "cooperación Sur-Sur", "Red de Empresas"],
        "body": p(
            "El modelo de la Red de Empresas tiene como referencia a su homóloga de Ecuador. En el taller se "
            "compartieron la organización, los compromisos y las actividades de la red ecuatoriana.",
        ),
    },
    {
        "title": "27 países unidos en la Iniciativa Regional América Latina y el Caribe libre de Trabajo Infantil",
        "slug": "iniciativa-regional-27-paises",
        "date": datetime.date(2017, 1, 20),
        "summary": (
            "Los ministros de Trabajo lideran la Iniciativa Regional, que identificó ocho factores de aceleración "
            "para reducir el trabajo infantil con urgencia."
        ),
        "categories": ["iniciativa-regional"],
        "tags": ["Iniciativa Regional", "factores de aceleración"],
        "body": p(
            "La Iniciativa funciona con una Asamblea de Alto Nivel, una Red de Puntos Focales y una Secretaría "
            "Técnica asumida por la Oficina Regional de la OIT.",
            "Una consulta identificó al menos 93 activos y 80 demandas de los países, publicados en una aplicación "
            "en línea en los cuatro idiomas de la Iniciativa.",
        ),
    },
    {
        "title": "Cinco acciones para articular un sistema de información",
        "slug": "cinco-acciones-sistema-de-informacion",
        "date": datetime.date(2017, 3, 31),
        "summary": (
            "«Sin articulación no hay sistema»: los participantes del intercambio resumieron en cinco acciones lo "
            "necesario para construir un sistema entre instituciones."
        ),
        "categories": ["sistemas-de-informacion"],
        "tags": ["intercambio 2017", "SIMETI", "Registro Único"],
        "body": [
            *p("Los mensajes clave para superar los retos de la coordinación interinstitucional fueron:"),
            (
                "paragraph",
                RichText(
                    "<ol><li>Compromiso de las instituciones.</li><li>Evaluar la capacidad informática.</li>"
                    "<li>Disponibilidad de técnicos.</li><li>Un protocolo para homologar la información.</li>"
                    "<li>Capacitación a las instituciones.</li></ol>"
                ),
            ),
        ],
    },
    {
        "title": "Cadena de valor: cómo atraer y ayudar a otros sectores",
        "slug": "cadena-de-valor",
        "date": datetime.date(2017, 5, 10),
        "summary": (
            "Las empresas de la Red comparten cómo revisan a sus proveedores y acompañan a los sectores con mayor "
            "riesgo de trabajo infantil, como la agricultura."
        ),
        "categories": ["institucional"],
        "tags": ["cadena de valor", "Red de Empresas", "agricultura"],
        "body": p(
            "Actuar sobre la cadena de valor fue uno de los valores agregados de la Red señalados en el "
            "conversatorio de 2017. Las empresas proponen autoevaluaciones, planes de acción y capacitación a "
            "proveedores.",
        ),
    },
]

ABOUT_PAGES = [
    {
        "title": "La Red",
        "slug": "la-red",
        "introduction": (
            "Empresas nacionales y transnacionales unidas para defender los derechos de la población menor de edad "
            "trabajadora."
        ),
        "en_title": "The network",
        "en_introduction": "National and multinational companies united to defend the rights of working minors.",
        "body": p(
            "La Red de Empresas contra el Trabajo Infantil de Costa Rica está conformada por más de diez empresas "
            "nacionales y transnacionales que firmaron su compromiso contra el trabajo infantil en un acuerdo "
            "voluntario.",
            "Su modelo tiene como referencia a su homóloga de Ecuador y se suma al compromiso ya existente en "
            "Argentina, Colombia, Chile y Panamá.",
            "Trabajar en red permite conocer las experiencias de otros miembros, entender el problema, asumir un "
            "posicionamiento público y actuar sobre la cadena de valor.",
        ),
        "en_body": (
            "Costa Rica's Business Network against Child Labour brings together more than ten national and "
            "multinational companies that signed a voluntary agreement against child labour."
        ),
    },
    {
        "title": "Nuestro compromiso",
        "slug": "nuestro-compromiso",
        "introduction": "El acuerdo voluntario de adhesión firmado en Casa Presidencial.",
        "en_title": "Our pledge",
        "en_introduction": "The voluntary adhesion agreement signed at the Presidential House.",
        "body": [
            *p(
                "El acuerdo fue firmado en la Casa Presidencial y tuvo como testigos a representantes del "
                "Ministerio de Trabajo y Seguridad Social, de la Organización Internacional del Trabajo (OIT) y del "
                "Fondo de las Naciones Unidas para la Infancia (UNICEF)."
            ),
            (
                "quote",
                {
                    "quote": "Unirse a la defensa y promoción de los derechos de la población menor de edad "
                    "trabajadora; especialmente, el derecho a la educación, la salud y el desarrollo integral.",
                    "attribution": "Acuerdo voluntario de adhesión a la Red",
                },
            ),
            *p(
                "Las empresas acordaron, de manera voluntaria, consolidar y formar parte de la Red y apoyar los "
                "esfuerzos que a través de ella se definan a futuro."
            ),
        ],
        "en_body": (
            "The agreement was signed at the Presidential House, witnessed by the Ministry of Labour and Social "
            "Security, the International Labour Organization (ILO) and UNICEF."
        ),
    },
    {
        "title": "El papel del Ministerio de Trabajo",
        "slug": "ministerio-de-trabajo",
        "introduction": "El Ministerio de Trabajo y Seguridad Social ejerce la secretaría de la Red.",
        "en_title": "The Ministry of Labour's role",
        "en_introduction": "The Ministry of Labour and Social Security acts as the network's secretariat.",
        "body": p(
            "El Ministerio de Trabajo y Seguridad Social (MTSS) brinda asistencia para las reuniones de la Red: "
            "convocatorias, regularidad de los encuentros y apoyo con la agenda.",
            "El intercambio de 2017 recomendó profundizar en el papel estratégico del Ministerio y aclarar con las "
            "empresas el valor agregado de trabajar en red.",
        ),
        "en_body": (
            "The Ministry convenes the network's meetings, keeps them regular and helps prepare their agenda."
        ),
    },
    {
        "title": "La Iniciativa Regional",
        "slug": "iniciativa-regional",
        "introduction": (
            "América Latina y el Caribe libre de Trabajo Infantil: 27 países que aceleran la erradicación del "
            "trabajo infantil."
        ),
        "en_title": "The Regional Initiative",
        "en_introduction": (
            "Latin America and the Caribbean free of Child Labour: 27 countries accelerating the elimination of "
            "child labour."
        ),
        "body": [
            *p(
                "La región asumió en la III Conferencia Mundial (Brasil, 2013) el compromiso de acelerar, de forma "
                "conjunta, la erradicación del trabajo infantil. Así nació la Iniciativa Regional, en la que los "
                "ministros de Trabajo de 27 países ejercen el liderazgo.",
                "Su estructura es mínima, ágil y eficaz: una Asamblea de Alto Nivel, una Red de Puntos Focales y "
                "una Secretaría Técnica a cargo de la Oficina Regional de la OIT.",
            ),
            ("heading", {"text": "Los ocho factores de aceleración", "level": "h2"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Factores de aceleración identificados por los países",
                    "data": [["N.º", "Factor"], *[[str(n), f] for n, f in enumerate(ACCELERATION_FACTORS, 1)]],
                },
            ),
        ],
        "en_body": (
            "The Regional Initiative's 27 countries identified eight acceleration factors: agriculture and rural "
            "areas, education, youth employment, social protection, migration, informality, indigenous "
            "communities, and coordinated, decentralised policies."
        ),
    },
]

DOCUMENTS = [
    {
        "title": "Sistematización del intercambio Costa Rica, Chile y El Salvador (2017)",
        "filename": "sistematizacion-intercambio-2017.pdf",
        "tags": ["intercambio 2017", "sistemas de información"],
        "subtitle": "San José, 27 al 29 de marzo de 2017",
        "sections": [
            {
                "heading": "Objetivo",
                "paragraphs": [
                    "Conocer e intercambiar experiencias en el seguimiento del trabajo infantil a través de "
                    "sistemas de información y coordinación interinstitucional, y abordar los retos de las "
                    "instituciones públicas para apoyar las estrategias empresariales, en particular las Redes de "
                    "Empresas."
                ],
            },
            {
                "heading": "Mensajes clave",
                "paragraphs": ["Sin articulación no hay sistema."],
                "items": [
                    "Compromiso de las instituciones",
                    "Evaluar la capacidad informática",
                    "Disponibilidad de técnicos",
                    "Protocolo para homologar la información",
                    "Capacitación a las instituciones",
                ],
            },
        ],
    },
    {
        "title": "Acuerdo voluntario de adhesión a la Red de Empresas",
        "filename": "acuerdo-voluntario-adhesion.pdf",
        "tags": ["compromiso", "Red de Empresas"],
        "subtitle": "Firmado en Casa Presidencial",
        "sections": [
            {
                "heading": "Compromiso",
                "paragraphs": [
                    "Las empresas firmantes se unen a la defensa y promoción de los derechos de la población menor "
                    "de edad trabajadora; especialmente, el derecho a la educación, la salud y el desarrollo "
                    "integral, y acuerdan de manera voluntaria consolidar y formar parte de la Red de Empresas "
                    "contra el Trabajo Infantil de Costa Rica."
                ],
            },
            {
                "heading": "Testigos",
                "paragraphs": ["Ministerio de Trabajo y Seguridad Social, OIT y UNICEF."],
            },
        ],
    },
    {
        "title": "Factores de aceleración de la Iniciativa Regional",
        "filename": "factores-de-aceleracion.pdf",
        "tags": ["Iniciativa Regional", "factores de aceleración"],
        "subtitle": "América Latina y el Caribe libre de Trabajo Infantil",
        "sections": [
            {
                "heading": "Ocho factores",
                "paragraphs": ["Temas en los que los 27 países decidieron intervenir prioritariamente:"],
                "items": ACCELERATION_FACTORS,
            }
        ],
    },
]


def costa_rica_content():
    """Costa Rica's public-site content (the seed's: the 2017 exchange, the Casa Presidencial pledge)."""
    return SimpleNamespace(
        network=NETWORK,
        home={
            "title": "Inicio",
            "slug": "inicio",
            "hero_title": NETWORK,
            "hero_text": (
                "Empresas de Costa Rica comprometidas con la prevención y la erradicación del trabajo infantil y "
                "la protección de las personas adolescentes trabajadoras."
            ),
            "introduction": (
                "<p>La Red reúne a empresas nacionales y transnacionales que firmaron, en un acuerdo voluntario, su "
                "compromiso contra el trabajo infantil. El Ministerio de Trabajo y Seguridad Social ejerce su "
                "secretaría, con el acompañamiento de la OIT y UNICEF.</p>"
            ),
            "join_title": "Únase a la Red",
            "join_text": (
                "Si su empresa quiere sumarse al compromiso contra el trabajo infantil, envíe su solicitud: la "
                "secretaría la revisará y le acompañará en la firma del compromiso."
            ),
            "join_button_label": "Quiero unirme",
            "seo_title": "Red de Empresas contra el Trabajo Infantil de Costa Rica",
            "search_description": (
                "Noticias, compromisos y documentos de la Red de Empresas contra el Trabajo Infantil de Costa Rica."
            ),
        },
        home_en={
            "title": "Home",
            "hero_title": "Business Network against Child Labour",
            "hero_text": (
                "Costa Rican companies committed to preventing and eliminating child labour and to protecting "
                "working adolescents."
            ),
            "introduction": (
                "<p>The network brings together national and multinational companies that signed a voluntary pledge "
                "against child labour. The Ministry of Labour and Social Security is its secretariat, supported by "
                "the ILO and UNICEF.</p>"
            ),
            "join_title": "Join the network",
            "join_text": "If your company wants to join the pledge against child labour, send us your application.",
            "join_button_label": "I want to join",
            "seo_title": "Business Network against Child Labour of Costa Rica",
            "search_description": (
                "News, commitments and documents of Costa Rica's Business Network against Child Labour."
            ),
        },
        about={
            "title": "Quiénes somos",
            "slug": "quienes-somos",
            "introduction": (
                "La Red de Empresas contra el Trabajo Infantil de Costa Rica, su compromiso, el papel del "
                "Ministerio de Trabajo y la Iniciativa Regional."
            ),
            "body": p(
                "Somos empresas que decidimos actuar juntas contra el trabajo infantil, con el Ministerio de "
                "Trabajo y Seguridad Social como secretaría y el acompañamiento de la OIT y UNICEF."
            ),
            "en_title": "About us",
            "en_slug": "about-us",
            "en_introduction": (
                "Costa Rica's Business Network against Child Labour, its pledge, the Ministry of Labour's role and "
                "the Regional Initiative."
            ),
            "en_body": p(
                "We are companies that decided to act together against child labour, with the Ministry of Labour "
                "as our secretariat and the support of the ILO and UNICEF."
            ),
        },
        about_pages=ABOUT_PAGES,
        news=NEWS,
        documents=DOCUMENTS,
        news_intro="Actividades, acuerdos y alianzas de la Red de Empresas contra el Trabajo Infantil.",
        library_intro="Estudios, acuerdos y materiales de la Red para consultar y descargar.",
        tagline="Costa Rica",
        contact_email="secretaria-red@example.org",
        footer_text=(
            "Secretaría: Ministerio de Trabajo y Seguridad Social de Costa Rica, con el apoyo de la OIT y UNICEF."
        ),
        pledge_page=1,
        hero=("Portada: la Red de Empresas", "portada-red.jpg"),
        logo=("Logotipo de la Red", "logotipo-red.png"),
    )


def ecuador_content():
    """Ecuador's public-site content (``home.demo_ecuador``)."""
    return SimpleNamespace(
        network=ecuador.NETWORK,
        home=ecuador.HOME,
        home_en=ecuador.HOME_EN,
        about=ecuador.ABOUT,
        about_pages=ecuador.ABOUT_PAGES,
        news=ecuador.NEWS,
        documents=ecuador.DOCUMENTS,
        news_intro=ecuador.NEWS_INTRO,
        library_intro=ecuador.LIBRARY_INTRO,
        tagline=ecuador.TAGLINE,
        contact_email=ecuador.CONTACT_EMAIL,
        footer_text=ecuador.FOOTER_TEXT,
        pledge_page=ecuador.PLEDGE_PAGE,
        hero=("Portada: la Red de Empresas del Ecuador", "portada-red-ecuador.jpg"),
        logo=("Logotipo de la Red del Ecuador", "logotipo-red-ecuador.png"),
    )


def content_for(network):
    """The content of `network` by its country (Costa Rica's for the default network or any other)."""
    if network is not None and network.country == "EC":
        return ecuador_content()
    return costa_rica_content()


def _font(size):
    return demo_font(size)


def draw_illustration(title, seed, *, size=(1200, 675), network_name=NETWORK):
    """A simple branded illustration: coloured shapes, the title and the network's name (PNG bytes)."""
    width, height = size
    image = PILImage.new("RGB", size, SOFT)
    draw = ImageDraw.Draw(image)
    palettes = [(PRIMARY, ACCENT), (ACCENT, PRIMARY), ((30, 107, 52), PRIMARY), (PRIMARY, (122, 74, 0))]
    main, second = palettes[seed % len(palettes)]
    draw.rectangle([0, 0, width, height * 0.62], fill=main)
    for index in range(5):
        radius = 60 + ((seed * 37 + index * 53) % 140)
        x = (seed * 131 + index * 257) % width
        y = int(height * 0.62) - radius // 2 + (index % 2) * 40
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=second if index % 2 else SOFT)
    # Three figures holding hands: the network.
    base_y = int(height * 0.62)
    for index in range(3):
        cx = width - 330 + index * 110
        draw.ellipse([cx - 28, base_y - 190, cx + 28, base_y - 134], fill=(255, 255, 255))
        draw.rounded_rectangle([cx - 38, base_y - 128, cx + 38, base_y - 10], radius=18, fill=(255, 255, 255))
    draw.line([width - 330, base_y - 90, width - 110, base_y - 90], fill=(255, 255, 255), width=10)
    lines = textwrap.wrap(title, width=38)[:4]
    y = 50
    for line in lines:
        draw.text((60, y), line, font=_font(46), fill=(255, 255, 255))
        y += 58
    draw.text((60, height - 120), network_name, font=_font(30 if len(network_name) > 45 else 34), fill=PRIMARY)
    draw.rectangle([60, height - 60, 300, height - 50], fill=ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def make_image(title, description, seed, collection, filename, network_name=NETWORK):
    return get_or_add_image(
        title,
        lambda: draw_illustration(title, seed, network_name=network_name),
        collection=collection,
        filename=filename,
        description=description,
    )


def follow_base_url(site):
    """Give the network's Site the port of BASE_URL (`make run PORT=…`); its host name stays its own."""
    port = demo_networks.base_url_port()
    if site.port != port and not Site.objects.exclude(pk=site.pk).filter(hostname=site.hostname, port=port).exists():
        site.port = port


def _site(network):
    """The network's Site (the default Site when working for no network); made when there is none."""
    site = network_site()
    if site is not None:
        return site
    hostname, port = site_address()
    root = Page.get_first_root_node()
    placeholder = root.get_children().filter(slug="red").first() or root.add_child(
        instance=Page(title="Red", slug="red")
    )
    site = Site.objects.create(hostname=hostname, port=port, root_page=placeholder, is_default_site=True)
    if network is not None and not network.site_id:
        network.site = site
        network.save(update_fields=["site"])
    return site


def setup_home(command, content, network=None):
    """Replace the network's Site's placeholder root (Wagtail's welcome page) with our HomePage."""
    root = Page.get_first_root_node()
    site = _site(network)
    old_root = site.root_page.specific
    if isinstance(old_root, HomePage):
        home = old_root
    else:
        home = HomePage.objects.child_of(root).filter(slug=content.home["slug"]).first()
    if home is None:
        home = HomePage(**content.home)
        root.add_child(instance=home)
        publish(home)
    site.root_page = home
    site.site_name = content.network
    follow_base_url(site)
    site.save()
    if old_root.pk != home.pk and old_root.specific_class is Page and not old_root.get_children():
        old_root.delete()
        command.stdout.write("  Replaced the Site's placeholder page with the home page.")
    return home, site


def add_page(parent, page):
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    return publish(page)


def _loaded(site, content):
    """Whether this Site's tree has the demo's home page and its last news item."""
    home = site.root_page
    return (
        home.specific_class is HomePage
        and NewsPage.objects.descendant_of(home).filter(slug=content.news[-1]["slug"]).exists()
    )


def load(command):
    network = current_network()
    content = content_for(network)
    site = network_site()
    if site is not None and _loaded(site, content):
        follow_base_url(site)
        site.save()
        command.stdout.write("  Public site already loaded.")
        return []

    with transaction.atomic():
        english, _ = Locale.objects.get_or_create(language_code="en")
        Locale.objects.get_or_create(language_code="es")
        home, site = setup_home(command, content, network)
        pictures = get_collection("Imágenes de la Red")
        documents_collection = get_collection("Documentos públicos")

        hero_title, hero_filename = content.hero
        hero = make_image(
            hero_title,
            "Ilustración de tres figuras tomadas de la mano sobre fondo azul, símbolo de la Red de Empresas.",
            3,
            pictures,
            hero_filename,
            content.network,
        )
        logo = make_logo(pictures, *content.logo)
        if home.hero_image_id != hero.pk:
            home.hero_image = hero
            home.save_revision().publish()

        categories = {
            slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})[0]
            for name, slug, description in CATEGORIES
        }

        about = add_page(
            home,
            StandardPage(
                title=content.about["title"],
                slug=content.about["slug"],
                show_in_menus=True,
                introduction=content.about["introduction"],
                body=content.about["body"],
            ),
        )
        about_children = []
        for spec in content.about_pages:
            about_children.append(
                add_page(
                    about,
                    StandardPage(
                        title=spec["title"], slug=spec["slug"], introduction=spec["introduction"], body=spec["body"]
                    ),
                )
            )

        news_index = add_page(
            home,
            NewsIndexPage(title="Noticias", slug="noticias", show_in_menus=True, introduction=content.news_intro),
        )
        for seed, spec in enumerate(content.news):
            if news_index.get_children().filter(slug=spec["slug"]).exists():
                continue
            image = make_image(
                spec["title"],
                f"Ilustración con el título «{spec['title']}» y el nombre de la Red sobre formas de colores.",
                seed,
                pictures,
                f"{spec['slug']}.jpg",
                content.network,
            )
            news = NewsPage(
                title=spec["title"],
                slug=spec["slug"],
                date=spec["date"],
                summary=spec["summary"],
                lead_image=image,
                body=spec["body"],
                search_description=spec["summary"],
            )
            news.tags.add(*spec["tags"])
            news.categories.set([categories[slug] for slug in spec["categories"]])
            news_index.add_child(instance=news)
            publish(news)

        library = add_page(
            home,
            DocumentLibraryPage(
                title="Documentos",
                slug="documentos",
                show_in_menus=True,
                introduction=content.library_intro,
                collection=documents_collection,
            ),
        )
        documents = make_documents(documents_collection, content.documents)
        # A document link and a call to action in the pledge page, now that both exist.
        pledge = about_children[content.pledge_page]
        if documents and not any(block.block_type == "document" for block in pledge.body):
            pledge.body.append(("document", {"document": documents[min(1, len(documents) - 1)], "title": ""}))
            pledge.body.append(
                (
                    "call_to_action",
                    {
                        "title": "Lea las noticias de la Red",
                        "text": "Actividades, acuerdos y alianzas contra el trabajo infantil.",
                        "button_label": "Ver noticias",
                        "page": news_index,
                        "url": "",
                    },
                )
            )
            publish(pledge)

        settings = SiteSettings.for_site(site)
        settings.site_name = content.network
        settings.tagline = content.tagline
        settings.logo = logo
        settings.contact_email = content.contact_email
        settings.footer_text = content.footer_text
        settings.footer_links = [
            ("page", {"page": about, "label": ""}),
            ("page", {"page": news_index, "label": ""}),
            ("page", {"page": library, "label": ""}),
            ("link", {"url": "/sitemap.xml", "label": "Mapa del sitio"}),
        ]
        settings.social_links = [
            ("link", {"network": "facebook", "url": "https://www.facebook.com/"}),
            ("link", {"network": "linkedin", "url": "https://www.linkedin.com/"}),
        ]
        settings.save()

        translate_english(content, home, about, about_children, english)
    command.stdout.write(
        f"  Home page, {len(content.about_pages) + 1} pages, {len(content.news)} news, {len(documents)} documents."
    )
    return []


def translate_english(content, home, about, about_children, english):
    translate_page(home, english, **content.home_en)
    translate_page(
        about,
        english,
        title=content.about["en_title"],
        slug=content.about["en_slug"],
        introduction=content.about["en_introduction"],
        body=content.about["en_body"],
    )
    for page, spec in zip(about_children, content.about_pages, strict=True):
        translate_page(
            page,
            english,
            title=spec["en_title"],
            introduction=spec["en_introduction"],
            body=p(spec["en_body"]),
        )


def _draw_logo():
    image = PILImage.new("RGB", (320, 320), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse([20, 20, 300, 300], fill=PRIMARY)
    for index in range(3):
        cx = 90 + index * 70
        draw.ellipse([cx - 22, 90, cx + 22, 134], fill=(255, 255, 255))
        draw.rounded_rectangle([cx - 28, 140, cx + 28, 230], radius=14, fill=(255, 255, 255))
    draw.line([90, 170, 230, 170], fill=ACCENT, width=10)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def make_logo(collection, title="Logotipo de la Red", filename="logotipo-red.png"):
    return get_or_add_image(
        title,
        _draw_logo,
        collection=collection,
        filename=filename,
        description="Logotipo de la Red de Empresas contra el Trabajo Infantil",
    )


def make_documents(collection, specs=DOCUMENTS):
    from network_site.pdf import render_pdf

    document_model = get_document_model()
    created = []
    for spec in specs:
        document = document_model.objects.filter(title=spec["title"], collection=collection).first()
        if document is None:
            content = render_pdf(
                "home/pdf/demo_document.html",
                {"title": spec["title"], "subtitle": spec["subtitle"], "sections": spec["sections"]},
            )
            document = document_model(title=spec["title"], collection=collection)
            document.file = ContentFile(content, name=spec["filename"])
            document.file_size = len(content)
            document.save()
            document.tags.add(*spec["tags"])
        created.append(document)
    return created
