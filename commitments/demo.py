"""Demo content of the commitments app: the pledge, signatures, commitments, two years of progress.

Runs once per network (``current_network()``: Costa Rica's pledge and commitments, or Ecuador's by
its country). Idempotent: returns at once when the network's pledge exists (its observatory page
under the network's home page is ensured always).
Statuses are set directly (no e-mails are queued for the demo); each commitment still gets
its history row.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Organization, PortalRole
from network_site.demo_pages import add_to_home
from network_site.lifecycle import record_transition
from network_site.networks import current_network

from .models import (
    Commitment,
    CommitmentStatus,
    ObservatoryPage,
    PledgeSignature,
    PledgeVersion,
    ReportStatus,
)

PLEDGE_TEXT = """
<h2>Acuerdo voluntario de adhesión a la Red de Empresas contra el Trabajo Infantil</h2>
<p>Las empresas y organizaciones firmantes, conscientes de que el trabajo infantil vulnera los
derechos de niños, niñas y adolescentes, manifiestan su voluntad de unirse a la defensa y
promoción de los derechos de la población menor de edad trabajadora; especialmente, del derecho
a la <b>educación</b>, la <b>salud</b> y el <b>desarrollo integral</b>.</p>
<p>Por ello, de manera voluntaria, se comprometen a:</p>
<ol>
<li>No contratar a personas menores de 15 años y garantizar que las personas adolescentes en edad
legal de trabajar lo hagan en condiciones protegidas, fuera de trabajos peligrosos y sin
abandonar sus estudios.</li>
<li>Promover en su <b>cadena de valor</b> (proveedores, contratistas y clientes) prácticas libres
de trabajo infantil, incluyendo cláusulas contractuales y acompañamiento.</li>
<li>Apoyar la permanencia en el sistema educativo de los hijos e hijas de sus colaboradores y de
las comunidades donde operan.</li>
<li>Sensibilizar a su personal y a su entorno sobre los riesgos del trabajo infantil y referir a
las autoridades competentes las situaciones que detecten.</li>
<li>Declarar compromisos medibles e informar trimestralmente sobre su avance a la Secretaría
Técnica de la Red (Ministerio de Trabajo y Seguridad Social).</li>
</ol>
<p>Este acuerdo no genera obligaciones económicas entre las partes y puede renovarse cuando la Red
apruebe una nueva versión de su texto.</p>
"""

# title, description, area, factor, indicator, unit, kind, baseline, target
TEMPLATES = [
    (
        "Becas escolares para hijos e hijas de colaboradores",
        "Becas anuales para que los hijos e hijas de los colaboradores de campo permanezcan en el colegio.",
        "education",
        "education",
        "Becas entregadas",
        "becas",
        "number",
        0,
        40,
    ),
    (
        "Cláusulas contra el trabajo infantil en contratos con proveedores",
        "Incluir en todos los contratos con proveedores agrícolas una cláusula de prohibición del trabajo "
        "infantil, con verificación anual.",
        "value_chain",
        "agriculture",
        "Contratos con la cláusula",
        "% de contratos",
        "percentage",
        10,
        100,
    ),
    (
        "Campaña de sensibilización en fincas proveedoras",
        "Charlas y material sobre los riesgos del trabajo infantil para productores y recolectores en "
        "temporada de cosecha.",
        "awareness",
        "agriculture",
        "Personas sensibilizadas",
        "personas",
        "number",
        0,
        1200,
    ),
    (
        "Puestos de trabajo protegido para adolescentes en edad legal",
        "Plazas de aprendizaje para adolescentes de 15 a 17 años, con jornada reducida, sin tareas "
        "peligrosas y con permiso para estudiar.",
        "adolescent_workers",
        "youth_employment",
        "Adolescentes con empleo protegido",
        "adolescentes",
        "number",
        0,
        25,
    ),
    (
        "Centro de cuido durante la cosecha de café",
        "Espacio de cuido y recreación para hijos e hijas de recolectores durante la cosecha, en alianza "
        "con el PANI y la municipalidad.",
        "integral_development",
        "social_protection",
        "Niños y niñas atendidos",
        "niños y niñas",
        "number",
        0,
        150,
    ),
    (
        "Jornadas de salud para familias recolectoras",
        "Valoraciones médicas y vacunación para familias migrantes de recolectores.",
        "health",
        "migration",
        "Personas atendidas",
        "personas",
        "number",
        0,
        600,
    ),
    (
        "Política corporativa de prevención del trabajo infantil",
        "Aprobar y divulgar una política corporativa de prevención del trabajo infantil y protección de la "
        "persona adolescente trabajadora.",
        "other",
        "articulation",
        "Política aprobada",
        "",
        "yes_no",
        0,
        1,
    ),
    (
        "Formalización de pequeños proveedores",
        "Acompañar a pequeños proveedores informales para que registren a sus trabajadores y eliminen el "
        "trabajo infantil en sus fincas.",
        "value_chain",
        "informality",
        "Proveedores formalizados",
        "proveedores",
        "number",
        0,
        30,
    ),
    (
        "Programa de empleo juvenil con formación técnica",
        "Pasantías remuneradas para jóvenes de comunidades indígenas, con formación técnica certificada.",
        "youth_employment",
        "indigenous",
        "Jóvenes en pasantía",
        "jóvenes",
        "number",
        0,
        20,
    ),
    (
        "Crédito verde condicionado a cero trabajo infantil",
        "Las líneas de crédito agrícola exigen una declaración y visita de verificación sin trabajo infantil.",
        "value_chain",
        "agriculture",
        "Créditos verificados",
        "% de créditos",
        "percentage",
        0,
        80,
    ),
]


EC_PLEDGE_TEXT = """
<h2>Compromiso de la Red de Empresas por un Ecuador Libre de Trabajo Infantil</h2>
<p>Las empresas, cámaras y asociaciones firmantes reconocen que el trabajo infantil vulnera los
derechos de niñas, niños y adolescentes a la <b>educación</b>, la <b>salud</b>, el <b>juego</b> y el
<b>desarrollo integral</b>, y se suman a la Red de Empresas por un Ecuador Libre de Trabajo Infantil.</p>
<p>Por ello, de manera voluntaria, se comprometen a:</p>
<ol>
<li>No contratar a personas menores de 15 años y garantizar que las personas adolescentes de 15 a 17
años trabajen solo en tareas permitidas, con jornada protegida y sin abandonar sus estudios.</li>
<li>Verificar la edad del personal temporal contratado directamente o por intermediarios, en especial
en las temporadas altas de flores, banano, cacao y camarón.</li>
<li>Promover el mismo compromiso en su <b>cadena de valor</b>: fincas proveedoras, contratistas,
transportistas y clientes.</li>
<li>Referir al Ministerio del Trabajo y a las juntas cantonales de protección de derechos las
situaciones de trabajo infantil que detecten.</li>
<li>Declarar compromisos medibles e informar trimestralmente sobre su avance a la secretaría técnica
de la Red (Ministerio del Trabajo).</li>
</ol>
<p>Este compromiso no genera obligaciones económicas entre las partes y se renueva cuando la Red
aprueba una nueva versión de su texto.</p>
"""

# title, description, area, factor, indicator, unit, kind, baseline, target
EC_TEMPLATES = [
    (
        "Verificación de edad del personal temporal en fincas florícolas",
        "Verificar el documento de identidad de cada persona contratada por intermediarios antes de la "
        "temporada alta de San Valentín y del Día de la Madre.",
        "value_chain",
        "agriculture",
        "Fincas proveedoras con verificación",
        "% de fincas",
        "percentage",
        20,
        100,
    ),
    (
        "Becas escolares para hijos e hijas de trabajadores bananeros",
        "Becas y útiles escolares para que los hijos e hijas de los trabajadores de campo terminen el colegio.",
        "education",
        "education",
        "Becas entregadas",
        "becas",
        "number",
        0,
        60,
    ),
    (
        "Aprendizaje protegido para adolescentes de 15 a 17 años",
        "Plazas de aprendizaje en bodegas y oficinas, sin tareas peligrosas y con horario compatible con el "
        "colegio, en alianza con el Ministerio del Trabajo.",
        "adolescent_workers",
        "youth_employment",
        "Adolescentes en aprendizaje protegido",
        "adolescentes",
        "number",
        0,
        30,
    ),
    (
        "Cláusula de cero trabajo infantil en contratos de compra de cacao",
        "Incluir en los contratos con centros de acopio de cacao una cláusula de prohibición del trabajo "
        "infantil, con visita anual de verificación.",
        "value_chain",
        "informality",
        "Contratos con la cláusula",
        "% de contratos",
        "percentage",
        0,
        100,
    ),
    (
        "Espacios de cuidado infantil durante la cosecha",
        "Centros de cuidado diario para hijos e hijas de jornaleros durante la cosecha, con el MIES y los "
        "gobiernos parroquiales.",
        "integral_development",
        "social_protection",
        "Niñas y niños atendidos",
        "niñas y niños",
        "number",
        0,
        120,
    ),
    (
        "Sensibilización a proveedores de las provincias de la Costa",
        "Talleres para productores y transportistas de El Oro, Los Ríos y Guayas sobre los trabajos peligrosos "
        "prohibidos para personas adolescentes.",
        "awareness",
        "agriculture",
        "Personas capacitadas",
        "personas",
        "number",
        0,
        800,
    ),
    (
        "Política de prevención del trabajo infantil aprobada por el directorio",
        "Aprobar y divulgar una política de prevención del trabajo infantil y de protección de la persona "
        "adolescente trabajadora.",
        "other",
        "articulation",
        "Política aprobada",
        "",
        "yes_no",
        0,
        1,
    ),
    (
        "Crédito agrícola condicionado a cero trabajo infantil",
        "Las líneas de crédito para pequeños productores exigen una declaración y una visita de verificación "
        "sin trabajo infantil.",
        "value_chain",
        "agriculture",
        "Créditos verificados",
        "% de créditos",
        "percentage",
        0,
        70,
    ),
]


def content_for(network):
    """(pledge label, pledge text, templates, narratives) of `network` by its country."""
    if network is not None and network.country == "EC":
        return (
            "Compromiso 2012",
            EC_PLEDGE_TEXT,
            EC_TEMPLATES,
            [
                "Avance según lo planificado; se adjuntan las listas de asistencia.",
                "Se coordinó con la inspección provincial del Ministerio del Trabajo.",
                "La temporada alta de exportación retrasó algunas visitas, recuperadas al cierre del trimestre.",
                "Se reforzó el seguimiento con los intermediarios de personal temporal.",
            ],
        )
    return (
        "Acuerdo voluntario 2013",
        PLEDGE_TEXT,
        TEMPLATES,
        [
            "Avance según lo planificado; se adjuntan listas de participantes.",
            "Se coordinó con el PANI y la oficina regional del MTSS.",
            "La cosecha retrasó algunas actividades, que se recuperaron al cierre del trimestre.",
            "Se reforzó el seguimiento con los proveedores de la zona sur.",
        ],
    )


def _ensure_observatory(command):
    page = ObservatoryPage(
        title="Observatorio",
        slug="observatorio",
        show_in_menus=True,
        intro="<p>Cifras de los compromisos que las empresas de la Red declararon y de su avance, "
        "aprobadas por la Secretaría Técnica. Descargue los datos abiertos al final de la página.</p>",
    )
    add_to_home(command, page, "  Observatory page created.")


def _representative(organization):
    User = get_user_model()
    return User.objects.filter(
        portal_account__organization=organization, portal_account__role=PortalRole.REPRESENTATIVE
    ).first()


def load(command):
    _ensure_observatory(command)
    if PledgeVersion.objects.exists():
        command.stdout.write("  Commitments already loaded.")
        return []
    network = current_network()
    label, pledge_text, templates, narratives = content_for(network)
    rng = random.Random(593 if templates is EC_TEMPLATES else 87)  # reproducible demo
    now = timezone.now()
    today = timezone.localdate()
    users = get_user_model().objects.filter(is_staff=True)
    staff = (
        users.filter(staff_memberships__network=network).order_by("pk").first() if network is not None else None
    ) or users.order_by("pk").first()
    version = PledgeVersion.objects.create(
        number=1,
        label=label,
        text=pledge_text.strip(),
        published_at=now - datetime.timedelta(days=365 * 3),
        resign_requested_at=now,
    )
    organizations = list(Organization.objects.active().order_by("name"))
    start = datetime.date(today.year - 2, 1, 1)
    end = datetime.date(today.year, 12, 31)
    count = 0
    for index, organization in enumerate(organizations):
        user = _representative(organization)
        person = getattr(getattr(user, "portal_account", None), "person", None)
        if index != len(organizations) - 1:  # the last one has still to sign: "sign the pledge" is due
            PledgeSignature.objects.create(
                organization=organization,
                version=version,
                version_number=1,
                text_snapshot=version.text,
                user=user,
                signer_name=person.name if person else (user.get_full_name() if user else organization.name),
                signer_position=person.position if person and person.position else "Representante legal",
                signed_at=now - datetime.timedelta(days=300 - index),
            )
        for slot in range(2):
            template = templates[(index * 2 + slot) % len(templates)]
            title, description, area, factor, indicator, unit, kind, baseline, target = template
            commitment = Commitment.objects.create(
                organization=organization,
                title=title,
                description=description,
                thematic_area=area,
                acceleration_factor=factor,
                indicator_name=indicator,
                indicator_unit=unit,
                indicator_kind=kind,
                baseline=baseline,
                target=target,
                start_date=start,
                end_date=end,
                is_public=not (index == 3 and slot == 1),
                created_by=user,
            )
            count += 1
            _set_state(commitment, index, slot, rng, staff, user, today, narratives)
    command.stdout.write(f"  Pledge v1, {count} commitments and their progress created.")
    return []


def _set_state(commitment, index, slot, rng, staff, user, today, narratives):
    """A realistic mix: most approved with progress, a few drafts, submitted, returned and closed."""
    now = timezone.now()
    special = (index * 2 + slot) % 9
    if special == 4 and slot == 1:
        return  # a draft
    submitted_at = timezone.make_aware(datetime.datetime.combine(commitment.start_date, datetime.time(10)))
    commitment.submitted_at = submitted_at
    if special == 6 and slot == 1:
        commitment.status = CommitmentStatus.SUBMITTED
        commitment.save()
        record_transition(commitment, "draft", "submitted", user=user)
        return
    if special == 8 and slot == 1:
        commitment.status = CommitmentStatus.DRAFT
        commitment.review_comment = "Indique la línea base con datos del último año y una meta verificable."
        commitment.save()
        record_transition(commitment, "submitted", "draft", user=staff, comment=commitment.review_comment)
        return
    commitment.status = CommitmentStatus.APPROVED
    commitment.approved_at = submitted_at + datetime.timedelta(days=12)
    commitment.save()
    record_transition(commitment, "draft", "submitted", user=user, timestamp=submitted_at)
    record_transition(commitment, "submitted", "approved", user=staff, timestamp=commitment.approved_at)
    commitment.ensure_report_schedule()
    reports = list(commitment.reports.filter(period_end__lt=today).order_by("period_start"))
    total = len(reports) or 1
    span = Decimal(commitment.target) - Decimal(commitment.baseline)
    for number, report in enumerate(reports, start=1):
        recent = report.deadline >= today - datetime.timedelta(days=60)
        if recent and (index + slot) % 3 == 0:
            continue  # still to file: due or overdue on the dashboard
        share = min(Decimal(1), Decimal(number) / Decimal(total) * Decimal(rng.uniform(0.8, 1.15)))
        value = Decimal(commitment.baseline) + span * share
        if commitment.indicator_kind == "yes_no":
            value = Decimal(1 if number >= 2 else 0)
        report.value = value.quantize(Decimal("1"))
        report.narrative = rng.choice(narratives)
        late = rng.random() < 0.15
        submitted_day = report.deadline + datetime.timedelta(days=rng.randint(3, 20) if late else -rng.randint(1, 25))
        report.submitted_at = timezone.make_aware(datetime.datetime.combine(submitted_day, datetime.time(9)))
        report.is_late = late
        report.submitted_by = user
        if recent and (index + slot) % 3 == 1:
            report.status = ReportStatus.SUBMITTED
        elif number == total - 2 and index % 4 == 2:
            report.status = ReportStatus.RETURNED
            report.review_comment = "Adjunte la evidencia (listas o fotografías) de las actividades reportadas."
        else:
            report.status = ReportStatus.APPROVED
            report.approved_at = min(now, report.submitted_at + datetime.timedelta(days=10))
        report.save()
    if special == 2 and slot == 0:
        commitment.status = CommitmentStatus.ACHIEVED
        commitment.closed_at = now
        commitment.save(update_fields=["status", "closed_at"])
    elif special == 5 and slot == 0:
        commitment.status = CommitmentStatus.NOT_ACHIEVED
        commitment.closed_at = now
        commitment.save(update_fields=["status", "closed_at"])
