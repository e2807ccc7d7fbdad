"""Demo content of the meetings app.

The 2017 exchange between Costa Rica, Chile and El Salvador (27 to 29 March 2017) with the
agenda, sessions, presenters, participant list and follow-up agreements of the seed
document; two network meetings with attendance, minutes and agreements in several states;
one upcoming, convened meeting; and the public calendar page. That is Costa Rica's; Ecuador's
network (by ``current_network()``'s country) gets two meetings of its own in its time zone (one
held, with minutes and agreements; one convened, public) and its calendar page. Runs once per
network; idempotent: it returns at once when the network's first demo meeting exists.
Organisations are looked up by the members demo's slugs (Costa Rica's are created when missing).
People are the seed's public names (Ecuador's are fictional); no e-mail is sent.
"""

import datetime

from django.utils import timezone

from members.models import MembershipStatus, Organization
from network_site.demo_pages import add_to_home
from network_site.networks import current_network

from .models import (
    AgendaItem,
    Agreement,
    AgreementStatus,
    Attendance,
    AttendanceBody,
    AttendanceRole,
    AttendanceStatus,
    CalendarPage,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    MinutesComment,
    ReplyStatus,
)

EXCHANGE_TITLE = (
    "Intercambio de experiencias entre Costa Rica, Chile y El Salvador: sistemas de seguimiento del trabajo "
    "infantil y redes de empresas"
)

# slug → (name, short name, kind) used when the members demo has not created them.
FALLBACK_ORGANIZATIONS = {
    "mtss": ("Ministerio de Trabajo y Seguridad Social", "MTSS", "public", True),
    "oit": ("Organización Internacional del Trabajo", "OIT", "international", True),
    "pani": ("Patronato Nacional de la Infancia", "PANI", "public", True),
    "unicef": ("Fondo de las Naciones Unidas para la Infancia", "UNICEF", "international", True),
    "uccaep": (
        "Unión Costarricense de Cámaras y Asociaciones del Sector Empresarial Privado",
        "UCCAEP",
        "chamber",
        False,
    ),
    "bac-credomatic": ("BAC Credomatic", "BAC", "company", False),
    "cenada-pima": ("Programa Integral de Mercadeo Agropecuario (CENADA-PIMA)", "PIMA", "public", False),
    "comercio-justo": ("Coordinadora Nacional de Comercio Justo", "Comercio Justo", "cooperative", False),
    "bncr": ("Banco Nacional de Costa Rica", "BNCR", "company", False),
    "aed": ("Asociación Empresarial para el Desarrollo", "AED", "civil_society", False),
    "nestle": ("Nestlé Costa Rica", "Nestlé", "company", False),
}


def _tz():
    """The network's time zone (load runs inside ``activate(network)``)."""
    return timezone.get_current_timezone()


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=_tz())


def _organizations(command):
    found = {org.slug: org for org in Organization.objects.filter(slug__in=FALLBACK_ORGANIZATIONS)}
    for slug, (name, short_name, kind, partner) in FALLBACK_ORGANIZATIONS.items():
        if slug in found:
            continue
        by_name = Organization.objects.filter(short_name__iexact=short_name).first()
        if by_name is not None:
            found[slug] = by_name
            continue
        found[slug] = Organization.objects.create(
            slug=slug,
            name=name,
            short_name=short_name,
            kind=kind,
            is_partner=partner,
            membership_status=MembershipStatus.APPLICANT if partner else MembershipStatus.ACTIVE,
            date_joined=None if partner else datetime.date(2014, 6, 12),
        )
        command.stdout.write(f"  Organisation {short_name} (created for the meetings demo)")
    return found


def _items(meeting, rows):
    for order, row in enumerate(rows):
        day, start, minutes, session, title, presenters, place, notes = row
        AgendaItem.objects.create(
            meeting=meeting,
            sort_order=order,
            day=day,
            start_time=datetime.time(*start) if start else None,
            duration_minutes=minutes,
            session=session,
            title=title,
            presenters_text=presenters,
            place=place,
            notes=notes,
        )


def _attendance(meeting, rows, orgs):
    for body, name, org_key, org_name, status, role in rows:
        organization = orgs.get(org_key) if org_key else None
        Attendance.objects.create(
            meeting=meeting,
            name=name,
            organization=organization,
            organization_name=org_name or (organization.display_name if organization else ""),
            body=body,
            status=status,
            role=role,
        )


def _agreement(meeting, text, *, orgs=(), due=None, status=AgreementStatus.PENDING, progress=(), reason=""):
    agreement = Agreement.objects.create(meeting=meeting, text=text, due_date=due)
    agreement.responsible_organizations.set(orgs)
    for new_status, comment, org in progress:
        agreement.report_progress(new_status, comment=comment, organization=org)
    if status != agreement.status:
        agreement.report_progress(status, comment=reason or "Registrado por la secretaría.")
    return agreement


def _invite(meeting, organizations, replies=None):
    replies = replies or {}
    for organization in organizations:
        Invitation.objects.create(
            meeting=meeting,
            organization=organization,
            status=replies.get(organization.slug, ReplyStatus.PENDING),
            replied_at=timezone.now() if organization.slug in replies else None,
        )


def _exchange(orgs):
    p = "<p>{}</p>".format
    day1, day2, day3 = datetime.date(2017, 3, 27), datetime.date(2017, 3, 28), datetime.date(2017, 3, 29)
    meeting = Meeting.objects.create(
        title=EXCHANGE_TITLE,
        kind=MeetingKind.EXCHANGE_VISIT,
        start=_at(day1, 8, 15),
        end=_at(day3, 13, 30),
        place="San José, Costa Rica: MTSS, Oficina de la OIT y PANI",
        description=(
            "Fortaleciendo las estrategias y alianzas en la prevención y erradicación del trabajo infantil. "
            "Organizan el Ministerio de Trabajo y Seguridad Social de Costa Rica, la Oficina de la OIT para "
            "América Central, Haití, Panamá y República Dominicana y la Iniciativa Regional América Latina y "
            "el Caribe Libre de Trabajo Infantil."
        ),
        convening_body="MTSS · OIT · Iniciativa Regional",
        is_public=True,
        status=MeetingStatus.PUBLISHED,
        minutes_approved_at=_at(datetime.date(2017, 5, 15), 10),
        general_conclusions=(
            p(
                "Los participantes se comprometieron a intercambiar documentos que respaldan o son producto de "
                "la implementación de las estrategias discutidas: convenios de articulación, planes de trabajo y "
                "documentos que clarifican los roles de los integrantes de los sistemas."
            )
            + p(
                "Se acordó que el intercambio y seguimiento continuaría de manera virtual, especialmente en "
                "cuanto Costa Rica avance con el diseño e implementación de un sistema de información, "
                "monitoreo y seguimiento del trabajo infantil."
            )
            + p(
                "Los encuentros presenciales facilitan el tránsito de la información y deben seguir formando "
                "parte de la agenda de cooperación sur-sur."
            )
        ),
        public_summary=p(
            "Del 27 al 29 de marzo de 2017, Costa Rica, Chile y El Salvador intercambiaron sus experiencias en "
            "sistemas de seguimiento del trabajo infantil (el SIMETI de El Salvador y el Registro Único de "
            "Chile) y en el trabajo con redes de empresas. Se reunieron con el Comité Directivo Nacional, la "
            "Red de Empresas contra el Trabajo Infantil y el PANI, y acordaron seguir intercambiando "
            "documentos y experiencias de forma virtual."
        ),
    )
    a, b = "Sesión A", "Sesión B"
    _items(
        meeting,
        [
            (datetime.date(2017, 3, 26), None, None, a, "Llegada de participantes de Chile y El Salvador", "", "", ""),
            (day1, (8, 15), 30, a, "Traslado Hotel – OIT", "", "", ""),
            (
                day1,
                (9, 0),
                30,
                a,
                "Bienvenida y apertura",
                "Leonardo Ferreira, Director Adjunto OSOIT; Anita Amorin, PARDEV OIT; Juan Alfaro López, "
                "Viceministro de Trabajo y Seguridad Social, MTSS",
                "Oficina de la OIT",
                p(
                    "La OIT y el MTSS se refirieron a la cooperación sur-sur como mecanismo del intercambio y al "
                    "liderazgo de la región; la Iniciativa Regional es un buen ejemplo de cooperación sur-sur y "
                    "triangular."
                ),
            ),
            (
                day1,
                (9, 45),
                60,
                a,
                "Presentación de los sistemas de monitoreo del trabajo infantil (Registro Único y SIMETI)",
                "Patricia Vera Medina, SENAME/Chile; Wilfredo Flores García, Min. Economía/El Salvador",
                "Oficina de la OIT",
                p(
                    "El Registro Único de Peores Formas de Trabajo Infantil de Chile cuantifica los casos, conoce "
                    "sus características y coordina su atención. El SIMETI de El Salvador unifica la información "
                    "de 18 instancias públicas y privadas y da seguimiento a la Hoja de Ruta."
                ),
            ),
            (
                day1,
                (10, 45),
                75,
                a,
                "Sesión de trabajo: soluciones a los retos comunes de los sistemas de información",
                "",
                "Oficina de la OIT",
                p("Ambas plataformas son complementarias: una registra casos en el territorio, la otra agrega datos."),
            ),
            (
                day1,
                (13, 30),
                150,
                b,
                "Mensajes clave para la coordinación interinstitucional y pasos para construir el sistema",
                "",
                "Oficina de la OIT",
                p(
                    "Sin articulación no hay sistema: compromiso de las instituciones, capacidad informática, "
                    "técnicos disponibles, un protocolo para homologar la información y capacitación."
                ),
            ),
            (
                day2,
                (9, 0),
                180,
                a,
                "Reunión con el Comité Directivo Nacional para la Prevención y Erradicación del Trabajo Infantil",
                "Noortje Denkers, Oficial Programa IPEC, OIT; Patricia Vera Medina, SENAME/Chile; Wilfredo Flores "
                "García, Min. Economía/El Salvador",
                "MTSS",
                p(
                    "El sistema debe fortalecer la estrategia intersectorial y alimentarse de diversas fuentes. "
                    "UNICEF ofrece una consultoría para el mapeo de sistemas y un inventario de información."
                ),
            ),
            (
                day2,
                (14, 0),
                120,
                b,
                "Resultados del encuentro sobre políticas del sector privado (Meta 8.7 de los ODS) y rol del sector "
                "público para movilizar al sector privado",
                "Noortje Denkers, Oficial Programa IPEC, OIT",
                "Oficina de la OIT",
                "",
            ),
            (
                day3,
                (9, 0),
                120,
                a,
                "Conversatorio participativo con la Red de Empresas contra el Trabajo Infantil",
                "Red de Empresas contra el Trabajo Infantil de Costa Rica",
                "MTSS",
                p(
                    "Estuvieron presentes Nestlé, UCCAEP, BAC Credomatic, CENADA-PIMA, Comercio Justo, BNCR y la "
                    "AED. Valores agregados: conocer experiencias, posicionarse públicamente y actuar sobre la "
                    "cadena de valor."
                ),
            ),
            (
                day3,
                (11, 30),
                60,
                a,
                "Reunión con la Gerencia Técnica del PANI y la Secretaría Ejecutiva de la CONACOES",
                "Elizabeth Ballestero, PANI",
                "PANI",
                p("Desafíos en la detección de víctimas de explotación sexual comercial."),
            ),
            (day3, (12, 30), 60, b, "Conclusiones, evaluación y siguientes pasos", "", "MTSS", ""),
        ],
    )
    P, E = AttendanceStatus.PRESENT, AttendanceRole.DELEGATE
    sc, nm, gu, io = (
        AttendanceBody.STEERING_COMMITTEE,
        AttendanceBody.NETWORK_MEMBERS,
        AttendanceBody.GUESTS,
        AttendanceBody.INTERNATIONAL,
    )
    _attendance(
        meeting,
        [
            (sc, "María de los Ángeles Chinchilla", "mtss", "", P, E),
            (sc, "Karen Bonilla", None, "CCSS", P, E),
            (sc, "Dunia Bermúdez", "mtss", "", P, E),
            (sc, "Tony Arguedas", "mtss", "", P, E),
            (sc, "Gabriela Palma", "mtss", "", P, E),
            (sc, "Evelyn Contreras", "mtss", "", P, E),
            (sc, "Elliay Morales", "mtss", "", P, E),
            (sc, "Esmirna Sánchez", "mtss", "", P, E),
            (sc, "Martha Zamora", "mtss", "", P, E),
            (nm, "Carolina Rodríguez", "cenada-pima", "PIMA", P, E),
            (nm, "Sonia Murillo", "comercio-justo", "ONCJPCR", P, E),
            (nm, "Gabriela Chinchilla", None, "EBS", P, E),
            (nm, "Erika Linares", "aed", "AED", P, E),
            (nm, "Mariano Arias", "uccaep", "UCCAEP", P, E),
            (nm, "Luis Mastroeni", "bac-credomatic", "BAC", P, E),
            (gu, "Patricia Vera", None, "SENAME", P, E),
            (gu, "Wilfredo Flores", None, "MINEC", P, E),
            (io, "Noor Denkers", "oit", "OIT", P, E),
            (io, "Daniela Quesada", "oit", "OIT", P, E),
            (io, "Victoria Cruz", None, "Consultora", P, E),
        ],
        orgs,
    )
    _agreement(
        meeting,
        "Intercambiar documentos que respaldan las estrategias discutidas: convenios de articulación, planes de "
        "trabajo y documentos sobre los roles de los integrantes de los sistemas.",
        orgs=[orgs["mtss"]],
        due=datetime.date(2017, 6, 30),
        status=AgreementStatus.DONE,
        reason="Documentos compartidos por correo con SENAME y MINEC.",
    )
    _agreement(
        meeting,
        "Continuar el intercambio de manera virtual a medida que Costa Rica avance en el diseño de su sistema de "
        "información, monitoreo y seguimiento del trabajo infantil.",
        orgs=[orgs["mtss"], orgs["oit"]],
        due=datetime.date(2018, 3, 31),
        status=AgreementStatus.IN_PROGRESS,
        reason="Dos videoconferencias realizadas; pendiente la nota conceptual.",
    )
    _agreement(
        meeting,
        "Contratar una consultoría para el mapeo de sistemas, un inventario de información y una nota conceptual "
        "para el Consejo Nacional de Niñez y Adolescencia.",
        orgs=[orgs["unicef"]],
        due=datetime.date(2017, 12, 15),
    )
    return meeting


def _network_meetings(orgs, today):
    members = list(Organization.objects.active())
    partners = [orgs["mtss"], orgs["oit"], orgs["unicef"]]
    invitees = list({org.pk: org for org in members + partners}.values())
    p = "<p>{}</p>".format

    # 1. An ordinary meeting four months ago: minutes approved, agreements in several states.
    first_day = today - datetime.timedelta(days=120)
    first = Meeting.objects.create(
        title="Reunión ordinaria de la Red de Empresas",
        kind=MeetingKind.ORDINARY,
        start=_at(first_day, 9),
        end=_at(first_day, 12),
        place="Sala de sesiones del Ministerio de Trabajo y Seguridad Social, San José",
        description="Seguimiento del plan de trabajo anual y de los compromisos de las empresas.",
        convening_body="Secretaría técnica (MTSS)",
        status=MeetingStatus.MINUTES_APPROVED,
        minutes_approved_at=_at(first_day + datetime.timedelta(days=14), 10),
        general_conclusions=p("La Red aprueba el plan de trabajo y la campaña del 12 de junio."),
    )
    _items(
        first,
        [
            (first_day, (9, 0), 15, "", "Bienvenida y aprobación de la agenda", "Secretaría técnica (MTSS)", "", ""),
            (
                first_day,
                (9, 15),
                60,
                "",
                "Avance de los compromisos de las empresas",
                "Secretaría técnica (MTSS)",
                "",
                p("Siete empresas presentaron su informe trimestral; dos están atrasadas."),
            ),
            (
                first_day,
                (10, 15),
                60,
                "",
                "Campaña del Día Mundial contra el Trabajo Infantil (12 de junio)",
                "UCCAEP",
                "",
                p("Se propone una campaña conjunta en redes sociales y en puntos de venta."),
            ),
            (first_day, (11, 15), 45, "", "Asuntos varios y acuerdos", "", "", ""),
        ],
    )
    _invite(first, invitees, {org.slug: ReplyStatus.ACCEPTED for org in invitees[:6]})
    rows = []
    for org in members[:6]:
        rows.append(
            (
                AttendanceBody.NETWORK_MEMBERS,
                f"Representante de {org.display_name}",
                org.slug,
                "",
                "present",
                "delegate",
            )
        )
    for org in members[6:8]:
        rows.append(
            (
                AttendanceBody.NETWORK_MEMBERS,
                f"Representante de {org.display_name}",
                org.slug,
                "",
                "excused",
                "delegate",
            )
        )
    rows.append((AttendanceBody.STEERING_COMMITTEE, "Esmirna Sánchez", "mtss", "", "present", "delegate"))
    rows.append((AttendanceBody.INTERNATIONAL, "Daniela Quesada", "oit", "", "present", "alternate"))
    _attendance(first, rows, {org.slug: org for org in members} | orgs)
    _agreement(
        first,
        "Diseñar la campaña conjunta del 12 de junio y circular la propuesta a los miembros.",
        orgs=[orgs["uccaep"]],
        due=first_day + datetime.timedelta(days=45),
        status=AgreementStatus.DONE,
        reason="Campaña publicada en las redes de los miembros.",
    )
    _agreement(
        first,
        "Presentar los informes trimestrales atrasados y actualizar los compromisos en el portal.",
        orgs=[orgs["bncr"], orgs["cenada-pima"]],
        due=first_day + datetime.timedelta(days=60),
        progress=[(AgreementStatus.IN_PROGRESS, "Informe en revisión interna.", orgs["bncr"])],
    )
    _agreement(
        first,
        "Compartir con la Red la guía de debida diligencia en la cadena de valor.",
        orgs=[orgs["nestle"]],
        due=today + datetime.timedelta(days=30),
    )
    _agreement(
        first,
        "Organizar una visita a fincas de café durante la cosecha.",
        orgs=[orgs["comercio-justo"]],
        status=AgreementStatus.DROPPED,
        reason="La cosecha terminó antes de lo previsto; se retomará el próximo año.",
    )

    # 2. A working session a month ago: minutes circulated for comments.
    second_day = today - datetime.timedelta(days=30)
    second = Meeting.objects.create(
        title="Sesión de trabajo: cadena de valor y autoevaluación",
        kind=MeetingKind.WORKING_SESSION,
        start=_at(second_day, 14),
        end=_at(second_day, 16, 30),
        place="Cámara de Comercio, San José",
        online_url="https://reuniones.example.org/red-cadena-de-valor",
        description="Revisión del cuestionario de autoevaluación de la cadena de valor.",
        status=MeetingStatus.MINUTES_CIRCULATED,
    )
    _items(
        second,
        [
            (
                second_day,
                (14, 0),
                60,
                "",
                "Presentación del cuestionario de autoevaluación",
                "OIT",
                "",
                p("Cinco secciones; la de proveedores es la más débil."),
            ),
            (
                second_day,
                (15, 0),
                90,
                "",
                "Trabajo en grupos por sector",
                "",
                "",
                p("Agricultura y comercio proponen preguntas adicionales."),
            ),
        ],
    )
    _invite(second, invitees, {org.slug: ReplyStatus.ACCEPTED for org in invitees[:4]})
    _attendance(
        second,
        [
            (
                AttendanceBody.NETWORK_MEMBERS,
                f"Representante de {org.display_name}",
                org.slug,
                "",
                "present",
                "delegate",
            )
            for org in members[:4]
        ]
        + [(AttendanceBody.INTERNATIONAL, "Noor Denkers", "oit", "", "present", "delegate")],
        {org.slug: org for org in members} | orgs,
    )
    _agreement(
        second,
        "Enviar comentarios al cuestionario de autoevaluación antes de su publicación.",
        orgs=members[:4],
        due=today + datetime.timedelta(days=10),
    )
    if members:
        MinutesComment.objects.create(
            meeting=second,
            organization=members[0],
            text="Proponemos agregar en el acta que la sección de proveedores se revisará con cada sector.",
        )

    # 3. The next ordinary meeting: convened, replies coming in (no e-mail is sent by the demo).
    next_day = today + datetime.timedelta(days=12)
    upcoming = Meeting.objects.create(
        title="Reunión ordinaria de la Red — próximo trimestre",
        kind=MeetingKind.ORDINARY,
        start=_at(next_day, 9),
        end=_at(next_day, 12),
        place="Sala de sesiones del Ministerio de Trabajo y Seguridad Social, San José",
        description="Seguimiento de acuerdos, informes del trimestre y plan de la próxima campaña.",
        is_public=True,
        status=MeetingStatus.CONVENED,
        convened_at=timezone.now(),
    )
    _items(
        upcoming,
        [
            (next_day, (9, 0), 15, "", "Bienvenida y aprobación de la agenda", "Secretaría técnica (MTSS)", "", ""),
            (next_day, (9, 15), 45, "", "Seguimiento de acuerdos", "Secretaría técnica (MTSS)", "", ""),
            (
                next_day,
                (10, 0),
                60,
                "",
                "Resultados del observatorio del trimestre",
                "Secretaría técnica (MTSS)",
                "",
                "",
            ),
            (next_day, (11, 0), 60, "", "Plan de la campaña del 12 de junio", "UCCAEP", "", ""),
        ],
    )
    _invite(upcoming, invitees, {invitees[0].slug: ReplyStatus.ACCEPTED} if invitees else {})
    Invitation.objects.create(
        meeting=upcoming,
        guest_name="Patricia Vera",
        guest_organization="SENAME (Chile)",
        guest_email="invitada.sename@example.org",
    )

    # The ordinary meetings are one series, numbered: "Copy for the next session" proposes no. 3.
    series = MeetingSeries.objects.create(
        name="Sesión ordinaria de la Red",
        kind=MeetingKind.ORDINARY,
        interval_weeks=13,
        description="Las reuniones ordinarias trimestrales de la Red de Empresas con la secretaría técnica.",
    )
    for number, meeting in enumerate([first, upcoming], start=1):
        meeting.series, meeting.number = series, number
        meeting.save(update_fields=["series", "number"])


def _calendar_page(command, intro=None):
    page = CalendarPage(
        title="Calendario de la Red",
        slug="calendario",
        show_in_menus=True,
        intro=intro
        or "<p>Reuniones y actividades públicas de la Red de Empresas contra el Trabajo Infantil, y los "
        "resúmenes de sus actas.</p>",
    )
    add_to_home(command, page)


EC_FIRST_TITLE = "Reunión ordinaria de la Red de Empresas del Ecuador"
EC_UPCOMING_TITLE = "Encuentro de la Red en Guayaquil: cadena de valor del banano y el camarón"


def _ecuador_meetings(command, today):
    """Ecuador's two meetings: one held in Quito (minutes approved, agreements), one convened in Guayaquil."""
    members = list(Organization.objects.active().order_by("name"))
    by_slug = {org.slug: org for org in Organization.objects.all()}
    partners = [by_slug[slug] for slug in ("mdt", "oit", "unicef") if slug in by_slug]
    invitees = list({org.pk: org for org in members + partners}.values())
    p = "<p>{}</p>".format

    held_day = today - datetime.timedelta(days=75)
    held = Meeting.objects.create(
        title=EC_FIRST_TITLE,
        kind=MeetingKind.ORDINARY,
        start=_at(held_day, 9, 30),
        end=_at(held_day, 12, 30),
        place="Sala de reuniones del Ministerio del Trabajo, Quito",
        description="Informes trimestrales de las empresas, temporada alta de flores y plan del 12 de junio.",
        convening_body="Secretaría técnica (Ministerio del Trabajo)",
        status=MeetingStatus.MINUTES_APPROVED,
        minutes_approved_at=_at(held_day + datetime.timedelta(days=10), 11),
        general_conclusions=p(
            "La Red aprueba la guía de verificación de edad del personal temporal y la actividad conjunta con la "
            "red de Costa Rica para el 12 de junio."
        ),
    )
    _items(
        held,
        [
            (held_day, (9, 30), 15, "", "Bienvenida y aprobación del orden del día", "Secretaría técnica", "", ""),
            (
                held_day,
                (9, 45),
                60,
                "",
                "Informes trimestrales de avance de las empresas",
                "Secretaría técnica",
                "",
                p("Seis empresas presentaron su informe; tres lo harán antes de fin de mes."),
            ),
            (
                held_day,
                (10, 45),
                60,
                "",
                "Temporada alta de flores: verificación de edad del personal temporal",
                "Florícola Andina",
                "",
                p("Se presenta la guía de verificación usada con los intermediarios de Cayambe y Tabacundo."),
            ),
            (held_day, (11, 45), 45, "", "Asuntos varios y acuerdos", "", "", ""),
        ],
    )
    _invite(held, invitees, {org.slug: ReplyStatus.ACCEPTED for org in invitees[:6]})
    rows = [
        (AttendanceBody.NETWORK_MEMBERS, f"Representante de {org.display_name}", org.slug, "", "present", "delegate")
        for org in members[:6]
    ] + [
        (AttendanceBody.NETWORK_MEMBERS, f"Representante de {org.display_name}", org.slug, "", "excused", "delegate")
        for org in members[6:8]
    ]
    if "mdt" in by_slug:
        rows.append((AttendanceBody.STEERING_COMMITTEE, "Fernanda Jaramillo", "mdt", "", "present", "delegate"))
    if "oit" in by_slug:
        rows.append((AttendanceBody.INTERNATIONAL, "Ricardo Espinosa", "oit", "", "present", "alternate"))
    _attendance(held, rows, by_slug)
    chosen = {
        slug: by_slug[slug] for slug in ("floricola-andina", "camara-industrias-litoral", "aprobal") if slug in by_slug
    }
    _agreement(
        held,
        "Circular entre los miembros la guía de verificación de edad del personal temporal.",
        orgs=[chosen["floricola-andina"]] if "floricola-andina" in chosen else [],
        due=held_day + datetime.timedelta(days=30),
        status=AgreementStatus.DONE,
        reason="Guía compartida en el portal de la Red.",
    )
    _agreement(
        held,
        "Preparar con la red de Costa Rica una actividad conjunta para el Día Mundial contra el Trabajo Infantil.",
        orgs=[chosen["camara-industrias-litoral"]] if "camara-industrias-litoral" in chosen else [],
        due=today + datetime.timedelta(days=20),
        progress=(
            [
                (
                    AgreementStatus.IN_PROGRESS,
                    "Primera reunión virtual con la red de Costa Rica.",
                    chosen["camara-industrias-litoral"],
                )
            ]
            if "camara-industrias-litoral" in chosen
            else []
        ),
    )
    _agreement(
        held,
        "Organizar un taller sobre trabajos peligrosos para productores bananeros de Los Ríos.",
        orgs=[chosen["aprobal"]] if "aprobal" in chosen else [],
        due=today + datetime.timedelta(days=45),
    )

    next_day = today + datetime.timedelta(days=18)
    upcoming = Meeting.objects.create(
        title=EC_UPCOMING_TITLE,
        kind=MeetingKind.WORKING_SESSION,
        start=_at(next_day, 15),
        end=_at(next_day, 18),
        place="Auditorio de la Cámara de Industrias y Producción del Litoral, Guayaquil",
        online_url="https://reuniones.example.org/red-ecuador-guayaquil",
        description="Riesgos de trabajo infantil en el embarque de banano y en las empacadoras de camarón.",
        convening_body="Secretaría técnica (Ministerio del Trabajo)",
        is_public=True,
        status=MeetingStatus.CONVENED,
        convened_at=timezone.now(),
    )
    _items(
        upcoming,
        [
            (next_day, (15, 0), 15, "", "Bienvenida", "Secretaría técnica", "", ""),
            (
                next_day,
                (15, 15),
                60,
                "",
                "El embarque de banano: tareas prohibidas para adolescentes",
                "APROBAL",
                "",
                "",
            ),
            (
                next_day,
                (16, 15),
                60,
                "",
                "Empacadoras de camarón: verificación de edad",
                "Camaronera del Golfo",
                "",
                "",
            ),
            (next_day, (17, 15), 45, "", "Acuerdos y próximos pasos", "Secretaría técnica", "", ""),
        ],
    )
    _invite(upcoming, invitees, {invitees[0].slug: ReplyStatus.ACCEPTED} if invitees else {})
    command.stdout.write(f"  {Meeting.objects.count()} meetings with agenda, attendance and agreements")


def load(command):
    network = current_network()
    if network is not None and network.country == "EC":
        _calendar_page(
            command,
            "<p>Reuniones y actividades públicas de la Red de Empresas por un Ecuador Libre de Trabajo Infantil, "
            "y los resúmenes de sus actas.</p>",
        )
        if not Meeting.objects.filter(title=EC_FIRST_TITLE).exists():
            _ecuador_meetings(command, timezone.localdate())
        return []
    _calendar_page(command)
    if Meeting.objects.filter(title=EXCHANGE_TITLE).exists():
        return []
    orgs = _organizations(command)
    today = timezone.localdate()
    _exchange(orgs)
    _network_meetings(orgs, today)
    command.stdout.write(f"  {Meeting.objects.count()} meetings with agenda, attendance and agreements")
    return []
