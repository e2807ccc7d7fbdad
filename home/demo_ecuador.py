"""The public site's demo content for Ecuador's network (``home.demo`` picks it by the network's country).

Realistic, with fictional companies and people: the news, the "Quiénes somos" pages (with English
translations, as Costa Rica's), the documents and the site settings of Ecuador's network.
"""

import datetime

from wagtail.rich_text import RichText


def p(*paragraphs):
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))]


NETWORK = "Red de Empresas por un Ecuador Libre de Trabajo Infantil"

HOME = {
    "title": "Inicio",
    "slug": "inicio-ecuador",
    "hero_title": NETWORK,
    "hero_text": (
        "Empresas, gremios y cámaras del Ecuador que se comprometen a erradicar el trabajo infantil de sus "
        "operaciones y de sus cadenas de valor, de la Sierra a la Costa."
    ),
    "introduction": (
        "<p>La Red reúne a florícolas, bananeras, cacaoteras, bancos y cámaras de la producción que firmaron su "
        "compromiso contra el trabajo infantil. El Ministerio del Trabajo ejerce su secretaría técnica, con el "
        "acompañamiento de la OIT y UNICEF.</p>"
    ),
    "join_title": "Súmese a la Red",
    "join_text": (
        "Si su empresa quiere comprometerse contra el trabajo infantil, envíe su solicitud: el Ministerio del "
        "Trabajo la revisará y le acompañará en la firma del compromiso."
    ),
    "join_button_label": "Quiero sumarme",
    "seo_title": "Red de Empresas por un Ecuador Libre de Trabajo Infantil",
    "search_description": (
        "Noticias, compromisos y documentos de la Red de Empresas del Ecuador contra el trabajo infantil."
    ),
}

HOME_EN = {
    "title": "Home",
    "hero_title": "Business Network for an Ecuador Free of Child Labour",
    "hero_text": (
        "Ecuadorian companies, business associations and chambers committed to eliminating child labour from their "
        "operations and value chains."
    ),
    "introduction": (
        "<p>The network brings together flower growers, banana and cocoa exporters, banks and chambers of commerce "
        "that signed a pledge against child labour. The Ministry of Labour is its technical secretariat, supported "
        "by the ILO and UNICEF.</p>"
    ),
    "join_title": "Join the network",
    "join_text": "If your company wants to pledge against child labour, send us your application.",
    "join_button_label": "I want to join",
    "seo_title": "Business Network for an Ecuador Free of Child Labour",
    "search_description": "News, commitments and documents of Ecuador's Business Network against Child Labour.",
}

ABOUT = {
    "title": "Quiénes somos",
    "slug": "quienes-somos",
    "introduction": "La Red de Empresas del Ecuador, su compromiso y el papel del Ministerio del Trabajo.",
    "body": p(
        "Somos empresas y gremios que decidimos actuar juntos contra el trabajo infantil, con el Ministerio del "
        "Trabajo como secretaría técnica y el acompañamiento de la OIT y UNICEF."
    ),
    "en_title": "About us",
    "en_slug": "about-us",
    "en_introduction": "Ecuador's Business Network, its pledge and the Ministry of Labour's role.",
    "en_body": p(
        "We are companies and business associations that decided to act together against child labour, with the "
        "Ministry of Labour as our technical secretariat and the support of the ILO and UNICEF."
    ),
}

ABOUT_PAGES = [
    {
        "title": "La Red",
        "slug": "la-red",
        "introduction": "Una de las primeras redes empresariales de la región contra el trabajo infantil.",
        "en_title": "The network",
        "en_introduction": "One of the region's first business networks against child labour.",
        "body": p(
            "La Red de Empresas por un Ecuador Libre de Trabajo Infantil nació del diálogo entre el Ministerio del "
            "Trabajo y el sector privado, y hoy reúne a empresas de la floricultura, el banano, el cacao, la banca "
            "y el comercio, además de cámaras de la producción de Quito y Guayaquil.",
            "Su modelo inspiró a la red de Costa Rica, con la que comparte experiencias en el marco de la "
            "cooperación Sur-Sur de la Iniciativa Regional.",
        ),
        "en_body": (
            "Ecuador's network brings together flower, banana, cocoa, banking and retail companies, and chambers of "
            "commerce of Quito and Guayaquil. Its model inspired Costa Rica's network."
        ),
    },
    {
        "title": "Nuestro compromiso",
        "slug": "nuestro-compromiso",
        "introduction": "El compromiso que firma cada empresa al sumarse a la Red.",
        "en_title": "Our pledge",
        "en_introduction": "The pledge each company signs when it joins the network.",
        "body": [
            *p(
                "Cada empresa se compromete a que ninguna niña, niño o adolescente menor de 15 años trabaje en sus "
                "operaciones ni en las de sus proveedores, y a que las personas adolescentes de 15 a 17 años solo "
                "realicen trabajos permitidos, protegidos y compatibles con sus estudios."
            ),
            (
                "quote",
                {
                    "quote": "Un Ecuador libre de trabajo infantil se construye en cada finca, cada taller y cada "
                    "mercado donde compran nuestras empresas.",
                    "attribution": "Compromiso de la Red de Empresas del Ecuador",
                },
            ),
        ],
        "en_body": (
            "Each company pledges that no child under 15 works in its operations or its suppliers', and that working "
            "adolescents aged 15 to 17 only do permitted, protected work compatible with school."
        ),
    },
    {
        "title": "El papel del Ministerio del Trabajo",
        "slug": "ministerio-del-trabajo",
        "introduction": "El Ministerio del Trabajo ejerce la secretaría técnica de la Red.",
        "en_title": "The Ministry of Labour's role",
        "en_introduction": "The Ministry of Labour acts as the network's technical secretariat.",
        "body": p(
            "El Ministerio del Trabajo convoca las reuniones de la Red, revisa los compromisos y los informes de "
            "avance de las empresas y coordina con las inspecciones provinciales la verificación en campo.",
            "Cuando una empresa detecta una situación de trabajo infantil en su cadena de valor, la secretaría la "
            "orienta para referirla a las autoridades de protección de derechos.",
        ),
        "en_body": (
            "The Ministry convenes the network's meetings, reviews companies' commitments and progress reports, and "
            "coordinates field verification with the provincial labour inspectorates."
        ),
    },
]

NEWS = [
    {
        "title": "Florícolas de Cayambe revisan su cadena de proveedores contra el trabajo infantil",
        "slug": "floricolas-cayambe-cadena-de-proveedores",
        "date": datetime.date(2026, 2, 18),
        "summary": (
            "Doce fincas proveedoras de Florícola Andina S.A. completaron la autoevaluación de la cadena de valor y "
            "acordaron un plan para verificar la edad del personal temporal en la temporada de San Valentín."
        ),
        "categories": ["institucional"],
        "tags": ["cadena de valor", "flores", "Cayambe"],
        "body": p(
            "La temporada alta de exportación de rosas multiplica la contratación de personal temporal. Por eso las "
            "florícolas de la Red acordaron verificar la edad de cada persona contratada por intermediarios.",
            "El Ministerio del Trabajo acompañó las visitas y capacitó a los equipos de recursos humanos sobre el "
            "trabajo adolescente permitido y protegido.",
        ),
    },
    {
        "title": "La Red ecuatoriana comparte su modelo con las empresas de Costa Rica",
        "slug": "modelo-compartido-con-costa-rica",
        "date": datetime.date(2025, 10, 15),
        "summary": (
            "En un encuentro virtual de cooperación Sur-Sur, la secretaría técnica y tres empresas de la Red "
            "contaron cómo organizan sus reuniones, sus compromisos y el seguimiento trimestral."
        ),
        "categories": ["alianzas", "iniciativa-regional"],
        "tags": ["cooperación Sur-Sur", "Costa Rica", "Iniciativa Regional"],
        "body": p(
            "La red de Costa Rica tomó como referencia el modelo ecuatoriano. En el encuentro se compartieron los "
            "formularios de compromiso, el calendario de informes y la experiencia de trabajo con las cámaras.",
            "Ambas redes acordaron intercambiar sus cuestionarios de autoevaluación y preparar una actividad "
            "conjunta para el Día Mundial contra el Trabajo Infantil.",
        ),
    },
    {
        "title": "Día Mundial contra el Trabajo Infantil: empresas de Quito y Guayaquil renuevan su compromiso",
        "slug": "dia-mundial-2025-quito-guayaquil",
        "date": datetime.date(2025, 6, 12),
        "summary": (
            "Veinte empresas y cámaras firmaron la nueva versión del compromiso de la Red en actos simultáneos en "
            "Quito y Guayaquil, con el Ministerio del Trabajo, la OIT y UNICEF como testigos."
        ),
        "categories": ["eventos", "institucional"],
        "tags": ["Día Mundial", "compromiso", "Guayaquil", "Quito"],
        "body": [
            *p(
                "La nueva versión del compromiso incluye la cadena de valor y el informe trimestral de avance en el "
                "portal de la Red.",
            ),
            (
                "quote",
                {
                    "quote": "El compromiso de las empresas llega hasta la última finca de su cadena de valor.",
                    "attribution": "Secretaría técnica de la Red, junio de 2025",
                },
            ),
        ],
    },
    {
        "title": "Taller sobre trabajo adolescente protegido en el sector bananero de El Oro y Los Ríos",
        "slug": "taller-trabajo-adolescente-bananero",
        "date": datetime.date(2026, 4, 22),
        "summary": (
            "Productores y exportadores de banano revisaron qué tareas pueden realizar las personas adolescentes de "
            "15 a 17 años y cuáles están prohibidas por peligrosas."
        ),
        "categories": ["eventos"],
        "tags": ["banano", "trabajo adolescente", "El Oro", "Los Ríos"],
        "body": p(
            "El taller, organizado con la Bananera del Pacífico y la Asociación de Productores Bananeros del Litoral, "
            "repasó la lista de trabajos peligrosos: fumigación, uso de herramientas cortantes y carga pesada.",
            "Las empresas se comprometieron a ofrecer plazas de aprendizaje protegido con horarios compatibles con "
            "el colegio.",
        ),
    },
]

DOCUMENTS = [
    {
        "title": "Compromiso de la Red de Empresas por un Ecuador Libre de Trabajo Infantil",
        "filename": "compromiso-red-ecuador.pdf",
        "tags": ["compromiso", "Red de Empresas"],
        "subtitle": "Versión firmada el 12 de junio de 2025",
        "sections": [
            {
                "heading": "Compromiso",
                "paragraphs": [
                    "Las empresas firmantes se comprometen a que ninguna persona menor de 15 años trabaje en sus "
                    "operaciones ni en las de sus proveedores, y a proteger a las personas adolescentes "
                    "trabajadoras de 15 a 17 años."
                ],
            },
            {"heading": "Testigos", "paragraphs": ["Ministerio del Trabajo del Ecuador, OIT y UNICEF."]},
        ],
    },
    {
        "title": "Guía para verificar la edad del personal temporal en fincas",
        "filename": "guia-verificacion-edad.pdf",
        "tags": ["cadena de valor", "flores", "banano"],
        "subtitle": "Secretaría técnica de la Red — Ministerio del Trabajo",
        "sections": [
            {
                "heading": "Pasos",
                "paragraphs": ["Antes de la temporada alta, cada finca proveedora:"],
                "items": [
                    "Pide a los intermediarios la lista del personal con su documento de identidad",
                    "Verifica la edad de cada persona antes de su primer día",
                    "Registra a las personas adolescentes y sus tareas permitidas",
                    "Informa a la empresa compradora de cualquier situación detectada",
                ],
            }
        ],
    },
]

CONTACT_EMAIL = "secretaria@ecuador.example.org"
TAGLINE = "Ecuador"
FOOTER_TEXT = "Secretaría técnica: Ministerio del Trabajo del Ecuador, con el apoyo de la OIT y UNICEF."
NEWS_INTRO = "Actividades, acuerdos y alianzas de la Red de Empresas del Ecuador contra el trabajo infantil."
LIBRARY_INTRO = "Guías, compromisos y materiales de la Red para consultar y descargar."
#: The page of ABOUT_PAGES that gets a document link and a call to action (the pledge).
PLEDGE_PAGE = 1
