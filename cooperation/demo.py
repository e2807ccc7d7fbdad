"""Demo content of the cooperation board (load_demo_data): the regional site's board page, Costa
Rica's demand for technical assistance on monitoring systems, Ecuador's offer of its experience,
and the South-South agreement between them with three activities (done, in progress, overdue).

Everything is made once, in ``load_regional`` (across every network: records name their network).
People are fictional; e-mails use example.org.
"""

import datetime

from django.utils import timezone

from network_site.models import Network
from network_site.networks import regional_site

from .choices import ActivityStatus, BoardState, ThematicArea
from .matching import match
from .models import (
    CooperationActivity,
    CooperationAgreement,
    CooperationBoardPage,
    CooperationDemand,
    CooperationOffer,
)

AGREEMENT_TITLE = "Asistencia técnica sobre sistemas de seguimiento del trabajo infantil (Costa Rica – Ecuador)"

#: Open posts of each country beside the matched ones, so the board has something to match.
OTHER_POSTS = {
    "CR": [
        (
            CooperationOffer,
            "Experiencia de la Red de Empresas en cadenas de valor agrícolas",
            ThematicArea.AGRICULTURE,
            "La Red comparte su guía de autoevaluación de proveedores del sector agrícola y la experiencia "
            "de sus empresas en la cosecha de café.",
        ),
    ],
    "EC": [
        (
            CooperationDemand,
            "Alianzas con el sector privado para el empleo juvenil",
            ThematicArea.YOUTH_EMPLOYMENT,
            "Buscamos conocer experiencias de empresas que ofrecen empleo protegido a adolescentes en edad permitida.",
        ),
    ],
}


def load(command):
    """Nothing per network: the board is regional (``load_regional``)."""
    return []


def board_page():
    """The board page under the regional site's root, made once (None when there is no regional site)."""
    site = regional_site()
    if site is None:
        return None
    root = site.root_page
    page = CooperationBoardPage.objects.descendant_of(root).first()
    if page is None:
        page = root.add_child(
            instance=CooperationBoardPage(
                title="Mesa de cooperación Sur-Sur",
                slug="cooperacion",
                intro=(
                    "<p>Las redes nacionales publican sus demandas y ofertas de cooperación; el equipo "
                    "regional las reúne en acuerdos de cooperación Sur-Sur con actividades, responsables y "
                    "plazos.</p>"
                ),
            )
        )
    return page


def _post(model, network, title, topic, description, *, contact_name, contact_email, is_public=True):
    post, _created = model.objects.get_or_create(
        network=network,
        title=title,
        defaults={
            "topic": topic,
            "description": description,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "is_public": is_public,
        },
    )
    return post


def _say(command, message):
    if command is not None:
        command.stdout.write(f"  {message}")


def load_regional(command):
    page = board_page()
    if page is not None:
        _say(command, f"Page {page.title} (regional site)")
    networks = {network.country: network for network in Network.objects.all()}
    costa_rica, ecuador = networks.get("CR"), networks.get("EC")
    if costa_rica is None or ecuador is None:
        return []
    demand = _post(
        CooperationDemand,
        costa_rica,
        "Asistencia técnica en sistemas de seguimiento del trabajo infantil",
        ThematicArea.MONITORING,
        "La Red de Costa Rica necesita asistencia técnica para diseñar el registro y seguimiento de los "
        "casos detectados y referidos por sus empresas, con indicadores comparables con la región.",
        contact_name="Lucía Fernández Mora",
        contact_email="lucia.fernandez@example.org",
    )
    offer = _post(
        CooperationOffer,
        ecuador,
        "Experiencia de Ecuador en el seguimiento de los compromisos empresariales",
        ThematicArea.MONITORING,
        "La Red de Ecuador ofrece su experiencia en el sistema de seguimiento de los compromisos de sus "
        "empresas: indicadores, reportes trimestrales y verificación.",
        contact_name="Andrés Paredes Villacís",
        contact_email="andres.paredes@example.org",
    )
    for country, posts in OTHER_POSTS.items():
        for model, title, topic, description in posts:
            _post(
                model,
                networks[country],
                title,
                topic,
                description,
                contact_name="Mariela Quesada Rojas" if country == "CR" else "Diego Andrade Torres",
                contact_email="mariela.quesada@example.org" if country == "CR" else "diego.andrade@example.org",
            )
    agreement = CooperationAgreement.objects.filter(title=AGREEMENT_TITLE).first()
    if agreement is None:
        today = timezone.localdate()
        if demand.state != BoardState.OPEN or offer.state != BoardState.OPEN:
            return []
        agreement = match(
            demand,
            [offer],
            user=None,
            title=AGREEMENT_TITLE,
            description=(
                "Intercambio de experiencias y asistencia técnica entre las redes de Costa Rica y Ecuador "
                "sobre el seguimiento del trabajo infantil a través de sistemas de información."
            ),
            is_public=True,
            start_date=today - datetime.timedelta(days=60),
            end_date=today + datetime.timedelta(days=120),
            notify=False,
        )
        activities = [
            (
                "Videoconferencia de presentación de ambos sistemas",
                "Lucía Fernández Mora",
                costa_rica,
                -40,
                ActivityStatus.DONE,
            ),
            (
                "Visita técnica de la Red de Costa Rica a Quito",
                "Andrés Paredes Villacís",
                ecuador,
                30,
                ActivityStatus.IN_PROGRESS,
            ),
            (
                "Informe con recomendaciones para el registro de casos",
                "Andrés Paredes Villacís",
                ecuador,
                -10,
                ActivityStatus.PENDING,
            ),
        ]
        for title, person, network, days, status in activities:
            activity = CooperationActivity.objects.create(
                agreement=agreement,
                title=title,
                responsible_name=person,
                responsible_network=network,
                due_date=today + datetime.timedelta(days=days),
            )
            if status != ActivityStatus.PENDING:
                activity.report_progress(status, comment="Registrado en la demostración.", network=network)
        _say(command, f"Agreement {agreement.title} with {len(activities)} activities")
    return []
