"""Scale data of the commitments app: pledge signatures, commitments and their progress reports."""

import datetime
from decimal import Decimal

from django.utils import timezone

from network_site.networks import scopes_disabled
from network_site.scale_data import aware, fast_insert, pick

from .models import (
    Commitment,
    CommitmentStatus,
    ObservatoryPage,
    PledgeSignature,
    PledgeVersion,
    ProgressReport,
    ReportingFrequency,
    ReportStatus,
    deadline_days,
)

SIZES = {
    "tiny": {"commitments": 24, "reports": 240},
    "national": {"commitments": 3_000, "reports": 36_000},
    "regional": {"commitments": 100_000, "reports": 1_000_000},
}
#: (thematic area, acceleration factor, title, indicator, unit, kind)
COMMITMENT_TEMPLATES = [
    ("education", "education", "Becas escolares para hijos e hijas de personas trabajadoras", "Becas entregadas",
     "becas", "number"),
    ("education", "education", "Apoyo a la permanencia escolar en comunidades productoras",
     "Estudiantes acompañados", "estudiantes", "number"),
    ("value_chain", "agriculture", "Cláusula contra el trabajo infantil en contratos con proveedores",
     "Proveedores con cláusula firmada", "%", "percentage"),
    ("value_chain", "agriculture", "Visitas de verificación a fincas proveedoras", "Fincas verificadas",
     "fincas", "number"),
    ("awareness", "articulation", "Campaña de sensibilización para personal y clientes",
     "Personas sensibilizadas", "personas", "number"),
    ("adolescent_workers", "youth_employment", "Protección de personas adolescentes trabajadoras",
     "Adolescentes con permiso y jornada protegida", "adolescentes", "number"),
    ("youth_employment", "youth_employment", "Programa de primer empleo para jóvenes de 18 a 24 años",
     "Jóvenes contratados", "jóvenes", "number"),
    ("health", "social_protection", "Jornadas de salud para familias de la zona", "Familias atendidas",
     "familias", "number"),
    ("integral_development", "indigenous", "Cuido infantil durante la cosecha en territorios indígenas",
     "Centro de cuido en funcionamiento", "", "yes_no"),
    ("integral_development", "migration", "Atención a familias migrantes durante la temporada de cosecha",
     "Familias migrantes atendidas", "familias", "number"),
    ("value_chain", "informality", "Formalización de pequeños proveedores", "Proveedores formalizados", "%",
     "percentage"),
    ("other", "social_protection", "Política interna de prevención del trabajo infantil",
     "Política aprobada y divulgada", "", "yes_no"),
]  # fmt: skip


REPORT_COLUMNS = [
    "commitment",
    "period",
    "period_start",
    "period_end",
    "deadline",
    "value",
    "narrative",
    "status",
    "is_late",
    "review_comment",
    "submitted_at",
    "approved_at",
    "updated_at",
]


def generate(run):
    with run.step("commitments and progress reports"):
        run.ensure_page(ObservatoryPage, title="Observatorio", slug="observatorio")
        sign_pledge(run)
        make_commitments(run)
        # Bulk inserts send no signals: the observatory's report summary is rebuilt at its next read.
        from .summary import mark_changed

        mark_changed([run.network.pk])


def quarter_index(day):
    return day.year * 4 + (day.month - 1) // 3


def quarter_bounds(index):
    year, q = divmod(index, 4)
    start = datetime.date(year, q * 3 + 1, 1)
    end_month = q * 3 + 3
    end = (
        datetime.date(year, 12, 31)
        if end_month == 12
        else datetime.date(year, end_month + 1, 1) - datetime.timedelta(days=1)
    )
    return f"{year}-Q{q + 1}", start, end


def sign_pledge(run):
    """Most active members signed the current pledge (a first version is written when there is none)."""
    rng = run.rng
    version = PledgeVersion.objects.current()
    if version is None:
        version = PledgeVersion.objects.order_by("-number").first() or PledgeVersion.objects.create(
            number=1,
            label="Texto de adhesión",
            text="<p>Nos comprometemos a prevenir y erradicar el trabajo infantil en nuestra operación "
            "y en nuestra cadena de valor.</p>",
            published_at=timezone.now() - datetime.timedelta(days=3650),
        )
    signatures = []
    for organization in run.active:
        if rng.random() < 0.85:
            person = run.people[organization.pk][0]
            signatures.append(
                PledgeSignature(
                    organization=organization,
                    version=version,
                    version_number=version.number,
                    text_snapshot=version.text,
                    signer_name=person[1],
                    signer_position="Gerente General",
                    signed_at=aware(organization.date_joined or run.today),
                )
            )
    PledgeSignature.objects.bulk_create(signatures, batch_size=run.batch)
    run.stdout.write(f"  {len(signatures):,} pledge signatures")


def make_commitments(run):
    rng, total, total_reports = run.rng, run.sizes["commitments"], run.sizes["reports"]
    members = [o for o in run.organizations if not o.is_partner]
    statuses = {
        CommitmentStatus.APPROVED: 82,
        CommitmentStatus.ACHIEVED: 6,
        CommitmentStatus.NOT_ACHIEVED: 2,
        CommitmentStatus.WITHDRAWN: 2,
        CommitmentStatus.SUBMITTED: 4,
        CommitmentStatus.DRAFT: 4,
    }
    chosen = [pick(rng, statuses) for _ in range(total)]
    # Only commitments the secretariat approved have a report schedule; share the reports among them.
    scheduled = [i for i, status in enumerate(chosen) if status not in (CommitmentStatus.DRAFT, "submitted")]
    per, extra = divmod(total_reports, max(len(scheduled), 1))
    periods = dict.fromkeys(range(total), 0)
    for position, index in enumerate(scheduled):
        periods[index] = per + (1 if position < extra else 0)
    current = quarter_index(run.today)
    days = deadline_days()
    with scopes_disabled():  # references unique in every network
        first_number = Commitment.objects.filter(reference__startswith="E-").count()
    now = timezone.now()
    commitment_progress = run.progress("commitments", total)
    report_progress = run.progress("progress reports", total_reports)
    chunk_size = max(run.batch // 4, 250)
    for chunk_start in range(0, total, chunk_size):
        chunk = range(chunk_start, min(total, chunk_start + chunk_size))
        commitments = []
        for index in chunk:
            area, factor, title, indicator, unit, kind = rng.choice(COMMITMENT_TEMPLATES)
            status = chosen[index]
            count = periods[index] or rng.randint(8, 12)
            # The schedule started between 8 and 1 quarters before the current one… or earlier,
            # so that about a third of the periods lie ahead (their reports are open drafts).
            start_q = current - rng.randint(max(1, count // 3), max(1, count - 1))
            start = quarter_bounds(start_q)[1]
            end = quarter_bounds(start_q + count - 1)[2]
            if kind == "percentage":
                baseline, target = Decimal(rng.randint(0, 40)), Decimal(rng.randint(60, 100))
            elif kind == "yes_no":
                baseline, target = Decimal(0), Decimal(1)
            else:
                target = Decimal(rng.randint(10, 500))
                baseline = Decimal(rng.randint(0, int(target) // 4))
            approved = status not in (CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED)
            organization = rng.choice(members)
            commitments.append(
                Commitment(
                    organization=organization,
                    reference=f"E-{first_number + index + 1:07d}",
                    title=title,
                    description=f"{title}, con metas trimestrales y seguimiento de la Secretaría.",
                    thematic_area=area,
                    acceleration_factor=factor,
                    indicator_name=indicator,
                    indicator_unit=unit,
                    indicator_kind=kind,
                    baseline=baseline,
                    target=target,
                    start_date=start,
                    end_date=end,
                    reporting_frequency=ReportingFrequency.QUARTERLY,
                    is_public=rng.random() < 0.9,
                    status=status,
                    submitted_at=aware(start) - datetime.timedelta(days=20),
                    approved_at=aware(start) - datetime.timedelta(days=10) if approved else None,
                    closed_at=now if status in ("achieved", "not_achieved", "withdrawn") else None,
                )
            )
        Commitment.objects.bulk_create(commitments, batch_size=run.batch)
        commitment_progress.add(len(commitments))
        if commitments[0].pk is None:  # an old SQLite without RETURNING
            ids = dict(
                Commitment.objects.filter(reference__in=[c.reference for c in commitments]).values_list(
                    "reference", "pk"
                )
            )
            for commitment in commitments:
                commitment.pk = commitment.id = ids[commitment.reference]
        reports = []
        for index, commitment in zip(chunk, commitments, strict=True):
            count = periods[index]
            if not count:
                continue
            start_q = quarter_index(commitment.start_date)
            closed = commitment.status != CommitmentStatus.APPROVED
            span = commitment.target - commitment.baseline
            for step in range(count):
                code, p_start, p_end = quarter_bounds(start_q + step)
                deadline = p_end + datetime.timedelta(days=days)
                if p_end >= run.today:
                    status = ReportStatus.DRAFT
                elif deadline >= run.today:
                    status = pick(rng, {"submitted": 50, "draft": 50})
                elif closed:
                    status = ReportStatus.APPROVED
                else:
                    status = pick(rng, {"approved": 85, "submitted": 5, "returned": 3, "draft": 7})
                value = None
                if status != ReportStatus.DRAFT:
                    if commitment.indicator_kind == "yes_no":
                        value = Decimal(1 if step >= count // 2 or rng.random() < 0.3 else 0)
                    else:
                        share = Decimal(step + 1) / Decimal(count)
                        noise = Decimal(rng.randint(-10, 10)) / Decimal(100)
                        value = (commitment.baseline + span * (share + noise)).quantize(Decimal("0.01"))
                        value = max(Decimal(0), value)
                        if commitment.indicator_kind == "percentage":
                            value = min(value, Decimal(100))
                late = status in ("approved", "submitted", "returned") and rng.random() < 0.15
                submitted = (
                    aware(deadline + datetime.timedelta(days=rng.randint(1, 20)))
                    if late
                    else aware(deadline - datetime.timedelta(days=rng.randint(1, 25)))
                )
                reports.append(
                    (
                        commitment.pk,
                        code,
                        p_start,
                        p_end,
                        deadline,
                        value,
                        "Avance del trimestre según lo planificado." if value is not None else "",
                        status,
                        late,
                        "Complete la evidencia del trimestre." if status == "returned" else "",
                        submitted if status != ReportStatus.DRAFT else None,
                        submitted + datetime.timedelta(days=7) if status == "approved" else None,
                        now,
                    )
                )
        fast_insert(ProgressReport, REPORT_COLUMNS, reports)
        report_progress.add(len(reports))
