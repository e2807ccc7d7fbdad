"""Demo content of the value chain: the calendar (last year's round and this year's, open), assessments
over two years, supplier maps, action plans, referrals.

Runs once per network (``current_network()``: Costa Rica's or Ecuador's members, suppliers and
cases by its country). Idempotent: returns at once when the network's demo assessments exist. The
default questionnaire comes from the data migration (Costa Rica's, the installation's first
network); a network without a published questionnaire adopts it: a copy for the network, published.
Organisations come from the members demo (looked up by slug; missing ones are skipped).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from members.models import Organization
from network_site.networks import current_network

from .models import (
    ActionItem,
    Answer,
    Assessment,
    AssessmentRound,
    AssessmentStatus,
    QuestionKind,
    Questionnaire,
    Referral,
    RiskRegion,
    RiskSector,
    Supplier,
)
from .services import adopt_default_questionnaire

#: Members left without this year's assessment, so the demo can start one (pre-filled).
NOT_STARTED_THIS_YEAR = {"hotel-arenal"}
#: How mature each member is (0 to 1): the share of good answers it gives.
PROFILES = {
    "nestle": 0.9,
    "bac-credomatic": 0.8,
    "bncr": 0.75,
    "uccaep": 0.6,
    "aed": 0.7,
    "comercio-justo": 0.65,
    "cenada-pima": 0.4,
    "cafetalera-los-santos": 0.45,
    "agroexport-caribe": 0.35,
    "hotel-arenal": 0.5,
}

SUPPLIERS = {
    "nestle": [
        ("Cooperativa de Caficultores de Dota", "direct", "Café", "San José", "Café verde", 320, 2),
        ("Lechería La Esperanza", "direct", "Ganadería y lácteos", "Alajuela", "Leche fresca", 45, 4),
        ("Beneficio Río Frío", "tier2", "Café", "Alajuela", "Procesamiento de café", 60, None),
        ("Azucarera del Guanacaste", "direct", "Caña de azúcar", "Guanacaste", "Azúcar", 900, 8),
        ("Empaques Centroamericanos", "direct", "Manufactura", "Heredia", "Empaques", 150, 12),
    ],
    "cafetalera-los-santos": [
        ("Finca El Cedral", "direct", "Café", "San José", "Café cereza", 18, 3),
        ("Finca La Trinidad", "direct", "Café", "San José", "Café cereza", 9, None),
        ("Cuadrillas Transfronterizas (intermediario)", "tier2", "Café", "Nicaragua", "Recolección", 40, 1),
        ("Transportes Los Santos", "direct", "Transporte y logística", "Cartago", "Transporte", 12, 10),
    ],
    "agroexport-caribe": [
        ("Finca Bananera Sixaola", "direct", "Banano y piña", "Limón", "Banano", 210, 5),
        ("Piñera Pococí", "direct", "Banano y piña", "Limón", "Piña", 130, 2),
        ("Melonera del Pacífico", "tier2", "Melón, sandía y hortalizas", "Puntarenas", "Melón", 75, None),
    ],
}


EC_NOT_STARTED_THIS_YEAR = {"hosteria-cotopaxi-verde"}
EC_PROFILES = {
    "floricola-andina": 0.85,
    "bananera-del-pacifico": 0.7,
    "camara-industrias-litoral": 0.6,
    "cacao-fino-aroma": 0.45,
    "banco-andino-del-sur": 0.8,
    "comisariato-mitad-del-mundo": 0.65,
    "aprobal": 0.4,
    "camaronera-del-golfo": 0.5,
    "hosteria-cotopaxi-verde": 0.55,
}
#: Sectors and provinces the Ecuadorian suppliers need in the shared risk tables: (name, English, risk).
EC_SECTORS = [("Flores y plantas ornamentales", "Flowers and ornamental plants", "medium"), ("Cacao", "Cocoa", "high")]
EC_REGIONS = [
    ("Pichincha", "low"),
    ("Guayas", "medium"),
    ("El Oro", "high"),
    ("Los Ríos", "high"),
    ("Esmeraldas", "high"),
    ("Cotopaxi", "medium"),
]
EC_SUPPLIERS = {
    "floricola-andina": [
        ("Finca Rosas del Cayambe", "direct", "Flores y plantas ornamentales", "Pichincha", "Rosas", 85, 2),
        ("Flores de Tabacundo", "direct", "Flores y plantas ornamentales", "Pichincha", "Rosas y claveles", 40, 5),
        (
            "Servicios Temporales Sierra Norte (intermediario)",
            "tier2",
            "Flores y plantas ornamentales",
            "Pichincha",
            "Personal temporal de cosecha",
            120,
            None,
        ),
        ("Cartonera Andina", "direct", "Manufactura", "Pichincha", "Cajas de exportación", 60, 11),
    ],
    "bananera-del-pacifico": [
        ("Hacienda La Florida", "direct", "Banano y piña", "El Oro", "Banano", 150, 3),
        ("Finca San Gregorio", "direct", "Banano y piña", "Los Ríos", "Banano", 35, None),
        (
            "Cuadrillas de Embarque del Puerto (intermediario)",
            "tier2",
            "Transporte y logística",
            "El Oro",
            "Carga y embarque",
            70,
            1,
        ),
    ],
    "cacao-fino-aroma": [
        ("Centro de Acopio Muisne", "direct", "Cacao", "Esmeraldas", "Cacao en baba", 12, 4),
        ("Asociación de Cacaoteros de Quinindé", "direct", "Cacao", "Esmeraldas", "Cacao seco", 90, None),
    ],
}
EC_ACTION_PLANS = {
    "aprobal": [
        (
            "Los productores asociados no conocen la lista de trabajos peligrosos para adolescentes.",
            "Taller con los productores sobre los trabajos peligrosos y la ruta de referencia al Ministerio del "
            "Trabajo.",
            "Directiva de la asociación",
            -15,
            "in_progress",
        ),
    ],
    "cacao-fino-aroma": [
        (
            "Los centros de acopio compran cacao sin preguntar quién lo cosechó.",
            "Incluir en la compra una declaración de cero trabajo infantil y visitas aleatorias a las fincas.",
            "Gerencia General",
            -5,
            "open",
        ),
        (
            "No hay espacio de cuidado para niñas y niños durante la cosecha.",
            "Abrir con el MIES y el gobierno parroquial un centro de cuidado diario en la cosecha.",
            "Jefatura de Compras",
            75,
            "open",
        ),
    ],
}


def _answer_for(question, rng, maturity):
    """A plausible answer: better options more often the more mature the organisation is."""
    options = list(question.options.all())
    if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
        ranked = sorted(options, key=lambda o: o.score, reverse=True)
        choice = ranked[0] if rng.random() < maturity else rng.choice(ranked[1:] or ranked)
        return {"choices": [choice.key]}
    if question.kind == QuestionKind.MULTIPLE:
        good = [o for o in options if o.score > 0]
        chosen = [o.key for o in good if rng.random() < maturity]
        if not chosen:
            fallback = [o for o in options if o.score == 0] or options[:1]
            chosen = [fallback[0].key]
        return {"choices": chosen}
    if question.kind == QuestionKind.SCALE:
        return {"number": Decimal(max(1, min(5, round(1 + 4 * maturity + rng.uniform(-1, 1)))))}
    if question.kind == QuestionKind.NUMBER:
        low = int(question.risk_if_below or 0)
        return {"number": Decimal(max(low, 15) if question.risk_if_below else rng.randint(2, 60))}
    if question.kind == QuestionKind.TEXT:
        return {"text": "Compartimos nuestra experiencia en los talleres de la Red."}
    return None


def _fill(assessment, rng, maturity):
    sections, answers = assessment.load_structure()
    for section in sections:
        for question in section.questions.all():
            if not assessment.visible(question, answers):
                continue
            values = _answer_for(question, rng, maturity)
            if values is None:
                continue
            answer = Answer.objects.create(assessment=assessment, question=question, **values)
            answer.question = question
            answers[question.pk] = answer


def _assessments(command, questionnaire, organizations, year, *, profiles, not_started):
    created = 0
    for organization in organizations:
        for offset, assessed_year in enumerate((year - 1, year)):
            if assessed_year == year and organization.slug in not_started:
                continue
            if Assessment.objects.filter(organization=organization, year=assessed_year).exists():
                continue
            rng = random.Random(f"{organization.slug}-{assessed_year}")
            maturity = min(0.95, profiles.get(organization.slug, 0.55) + 0.08 * offset)
            assessment = Assessment.objects.create(
                organization=organization, year=assessed_year, questionnaire=questionnaire
            )
            _fill(assessment, rng, maturity)
            assessment.transition_to(AssessmentStatus.SUBMITTED)
            submitted = timezone.make_aware(datetime.datetime(assessed_year, 3, 15, 10, 0))
            values = {"submitted_at": submitted}
            if assessed_year < year:
                values.update(
                    status=AssessmentStatus.REVIEWED,
                    reviewed_at=submitted + datetime.timedelta(days=20),
                    review_comment="Revisado por la secretaría técnica.",
                )
            Assessment.objects.filter(pk=assessment.pk).update(**values)
            created += 1
    command.stdout.write(f"  {created} self-assessments")


def _suppliers(organizations, suppliers):
    sectors = {s.name_es: s for s in RiskSector.objects.all()}
    regions = {r.name: r for r in RiskRegion.objects.all()}
    today = timezone.localdate()
    for organization in organizations:
        for name, tier, sector, region, products, workers, months in suppliers.get(organization.slug, []):
            Supplier.objects.get_or_create(
                organization=organization,
                name=name,
                defaults={
                    "tier": tier,
                    "sector": sectors.get(sector),
                    "region": regions.get(region),
                    "products": products,
                    "workers": workers,
                    "last_assessed": today - datetime.timedelta(days=30 * months) if months else None,
                },
            )
    override = Supplier.objects.filter(name="Empaques Centroamericanos").first()
    if override is not None and not override.risk_override:
        override.risk_override = "low"
        override.risk_override_reason = "Auditoría externa 2025 sin hallazgos; planta certificada."
        override.save()


def _action_plans(by_slug, plans=None):
    today = timezone.localdate()
    for slug, items in (plans if plans is not None else CR_ACTION_PLANS).items():
        organization = by_slug.get(slug)
        if organization is None:
            continue
        for finding, action, owner, days, status in items:
            ActionItem.objects.get_or_create(
                organization=organization,
                action=action,
                defaults={
                    "finding": finding,
                    "owner": owner,
                    "due_date": today + datetime.timedelta(days=days),
                    "status": status,
                    "verification": "Informe a la secretaría técnica",
                },
            )


CR_ACTION_PLANS = {
    "cenada-pima": [
        (
            "Los comerciantes del mercado no conocen la ruta de referencia.",
            "Taller con comerciantes sobre la ruta de referencia al MTSS y al PANI.",
            "Jefatura de Mercadeo",
            -20,
            "in_progress",
        ),
    ],
    "cafetalera-los-santos": [
        (
            "Cuadrillas de recolección llegan por intermediarios sin verificación de edad.",
            "Exigir a los intermediarios lista de recolectores con verificación de edad.",
            "Gerencia de Producción",
            -10,
            "open",
        ),
        (
            "No hay centro de cuido en la cosecha.",
            "Abrir con el IMAS y el PANI una Casa de la Alegría en la temporada de cosecha.",
            "Presidencia del Consejo",
            60,
            "open",
        ),
    ],
}


def _referrals(by_slug):
    today = timezone.localdate()
    region = {r.name: r for r in RiskRegion.objects.all()}
    santos = by_slug.get("cafetalera-los-santos")
    if santos is not None and not Referral.objects.filter(organization=santos).exists():
        detected = today - datetime.timedelta(days=75)
        Referral.objects.create(
            organization=santos,
            detected_on=detected,
            region=region.get("San José") or RiskRegion.objects.first(),
            supplier=Supplier.objects.filter(organization=santos, tier="tier2").first(),
            activity="Recolección de café",
            girls_12_14=1,
            boys_12_14=1,
            boys_15_17=2,
            hazardous=True,
            authority="mtss",
            status="removal_verified",
            identified_notes="Detectado en visita de verificación durante la cosecha.",
            referred_on=detected + datetime.timedelta(days=3),
            referred_notes="Referido a la oficina regional del MTSS.",
            removal_verified_on=detected + datetime.timedelta(days=30),
            removal_notes="El intermediario retiró a las personas menores de edad; verificado en visita conjunta.",
        )
    caribe = by_slug.get("agroexport-caribe")
    if caribe is not None and not Referral.objects.filter(organization=caribe).exists():
        Referral.objects.create(
            organization=caribe,
            detected_on=today - datetime.timedelta(days=12),
            region=region.get("Puntarenas") or RiskRegion.objects.first(),
            supplier=Supplier.objects.filter(organization=caribe, name__startswith="Melonera").first(),
            activity="Empaque de melón",
            girls_15_17=1,
            boys_15_17=1,
            hazardous=True,
            authority="pani",
            status="identified",
            identified_notes="Reporte por el canal de quejas; pendiente de referir.",
        )


def _ec_risk_tables():
    """Ecuador's sectors and provinces in the shared risk tables (added once, kept as the secretariat sets them)."""
    for name_es, name_en, risk in EC_SECTORS:
        RiskSector.objects.get_or_create(name_es=name_es, defaults={"name_en": name_en, "risk": risk})
    for name, risk in EC_REGIONS:
        RiskRegion.objects.get_or_create(name=name, defaults={"country": "Ecuador", "risk": risk})


def _ec_referrals(by_slug):
    today = timezone.localdate()
    region = {r.name: r for r in RiskRegion.objects.all()}
    banana = by_slug.get("bananera-del-pacifico")
    if banana is not None and not Referral.objects.filter(organization=banana).exists():
        detected = today - datetime.timedelta(days=60)
        Referral.objects.create(
            organization=banana,
            detected_on=detected,
            region=region.get("El Oro") or RiskRegion.objects.first(),
            supplier=Supplier.objects.filter(organization=banana, tier="tier2").first(),
            activity="Carga de cajas de banano en el embarque",
            boys_15_17=2,
            hazardous=True,
            authority="mtss",
            status="removal_verified",
            identified_notes="Detectado por el supervisor de embarque durante una auditoría interna.",
            referred_on=detected + datetime.timedelta(days=2),
            referred_notes="Referido a la inspección provincial del Ministerio del Trabajo en Machala.",
            removal_verified_on=detected + datetime.timedelta(days=25),
            removal_notes="El intermediario retiró a los adolescentes de la carga; verificado en visita conjunta.",
        )
    cocoa = by_slug.get("cacao-fino-aroma")
    if cocoa is not None and not Referral.objects.filter(organization=cocoa).exists():
        Referral.objects.create(
            organization=cocoa,
            detected_on=today - datetime.timedelta(days=9),
            region=region.get("Esmeraldas") or RiskRegion.objects.first(),
            supplier=Supplier.objects.filter(organization=cocoa).first(),
            activity="Quiebra de mazorcas de cacao",
            girls_12_14=1,
            boys_12_14=1,
            hazardous=True,
            authority="other",
            authority_other="Junta Cantonal de Protección de Derechos de Quinindé",
            status="identified",
            identified_notes="Observado en una visita de compra; pendiente de referir.",
        )


def _rounds(today):
    """Last year's round (closed: everyone filed by its deadline) and this year's, open today."""
    year = today.year
    AssessmentRound.objects.get_or_create(
        year=year - 1,
        defaults={"opens_on": datetime.date(year - 1, 2, 1), "closes_on": datetime.date(year - 1, 4, 30)},
    )
    AssessmentRound.objects.get_or_create(
        year=year,
        defaults={
            "opens_on": min(datetime.date(year, 2, 1), today),
            "closes_on": max(datetime.date(year, 4, 30), today + datetime.timedelta(days=45)),
            "notes": "La secretaría técnica amplió el plazo para las empresas que aún no la presentaron.",
        },
    )


def load(command):
    network = current_network()
    ecuador = network is not None and network.country == "EC"
    questionnaire = Questionnaire.objects.current() or adopt_default_questionnaire()
    if questionnaire is None:
        command.stdout.write("  no published questionnaire: skipped")
        return []
    organizations = list(Organization.objects.active().order_by("name"))
    by_slug = {o.slug: o for o in organizations}
    today = timezone.localdate()
    year = today.year
    _rounds(today)
    if Assessment.objects.filter(year=year - 1).exists() and Referral.objects.exists():
        return []
    if ecuador:
        _ec_risk_tables()
        _suppliers(organizations, EC_SUPPLIERS)
        _assessments(
            command, questionnaire, organizations, year, profiles=EC_PROFILES, not_started=EC_NOT_STARTED_THIS_YEAR
        )
        _action_plans(by_slug, EC_ACTION_PLANS)
        _ec_referrals(by_slug)
        return []
    _suppliers(organizations, SUPPLIERS)
    _assessments(command, questionnaire, organizations, year, profiles=PROFILES, not_started=NOT_STARTED_THIS_YEAR)
    _action_plans(by_slug)
    _referrals(by_slug)
    return []
