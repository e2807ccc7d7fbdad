"""Demo content of the value chain: the calendar (last year's round and this year's, open), assessments
over two years, supplier maps, action plans, referrals.

Idempotent: returns at once when the demo assessments exist. The default questionnaire comes
from the data migration; organisations come from the members demo (looked up by slug; missing
ones are skipped).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from members.models import Organization

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


def _assessments(command, questionnaire, organizations, year):
    created = 0
    for organization in organizations:
        for offset, assessed_year in enumerate((year - 1, year)):
            if assessed_year == year and organization.slug in NOT_STARTED_THIS_YEAR:
                continue
            if Assessment.objects.filter(organization=organization, year=assessed_year).exists():
                continue
            rng = random.Random(f"{organization.slug}-{assessed_year}")
            maturity = min(0.95, PROFILES.get(organization.slug, 0.55) + 0.08 * offset)
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


def _suppliers(organizations):
    sectors = {s.name_es: s for s in RiskSector.objects.all()}
    regions = {r.name: r for r in RiskRegion.objects.all()}
    today = timezone.localdate()
    for organization in organizations:
        for name, tier, sector, region, products, workers, months in SUPPLIERS.get(organization.slug, []):
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


def _action_plans(by_slug):
    today = timezone.localdate()
    for slug, items in {
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
    }.items():
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
    questionnaire = Questionnaire.objects.current()
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
    _suppliers(organizations)
    _assessments(command, questionnaire, organizations, year)
    _action_plans(by_slug)
    _referrals(by_slug)
    return []
