"""Scale data of the meetings app: meetings with an agenda, invitations, attendance and agreements."""

import datetime

from django.utils import timezone

from network_site.scale_data import aware, fast_insert, pick

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
    MeetingStatus,
    ReplyStatus,
)

SIZES = {"tiny": {"meetings": 4}, "national": {"meetings": 200}, "regional": {"meetings": 10_000}}
AGENDA_TITLES = [
    "Bienvenida y comprobación del quórum",
    "Lectura y aprobación del acta anterior",
    "Seguimiento de acuerdos pendientes",
    "Informe de la Secretaría Técnica",
    "Presentación del observatorio de compromisos",
    "Experiencia de una empresa miembro",
    "Plan de trabajo de la cadena de valor",
    "Preparación del Día Mundial contra el Trabajo Infantil",
    "Informe de la Iniciativa Regional",
    "Asuntos varios",
]
MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre",
]  # fmt: skip
MEETING_TITLES = {
    "ordinary": "Reunión ordinaria de la Red",
    "extraordinary": "Reunión extraordinaria de la Red",
    "working_session": "Sesión de trabajo",
    "conversatorio": "Conversatorio",
    "exchange_visit": "Visita de intercambio",
}
AGREEMENT_TEXTS = [
    "Enviar a la Secretaría el informe trimestral de avance.",
    "Organizar una visita a fincas proveedoras antes del próximo trimestre.",
    "Compartir con la Red la guía de autoevaluación actualizada.",
    "Preparar la campaña del 12 de junio con las empresas miembros.",
    "Proponer dos empresas para el comité de seguimiento.",
    "Revisar los indicadores del observatorio con la OIT.",
]


AGENDA_COLUMNS = [
    "meeting",
    "sort_order",
    "start_time",
    "duration_minutes",
    "session",
    "title",
    "description",
    "presenters_text",
    "place",
    "notes",
    "conclusions",
]
INVITATION_COLUMNS = [
    "meeting",
    "organization",
    "guest_name",
    "guest_organization",
    "guest_email",
    "status",
    "reply_note",
    "last_sent_at",
    "created_at",
]
ATTENDANCE_COLUMNS = [
    "meeting",
    "person",
    "name",
    "email",
    "organization",
    "organization_name",
    "body",
    "status",
    "role",
    "notes",
]


def generate(run):
    with run.step("meetings"):
        run.ensure_page(CalendarPage, title="Calendario", slug="calendario")
        make_meetings(run)


def make_meetings(run):
    rng, total = run.rng, run.sizes["meetings"]
    if not total:
        return
    invitable = run.active or run.organizations
    now = timezone.now()
    progress = run.progress("meetings", total)
    chunk_size = max(run.batch // 10, 100)
    kinds = {
        MeetingKind.ORDINARY: 60,
        MeetingKind.WORKING_SESSION: 20,
        MeetingKind.CONVERSATORIO: 10,
        MeetingKind.EXTRAORDINARY: 7,
        MeetingKind.EXCHANGE_VISIT: 3,
    }
    # A national network meets once or twice a month; the regional set spreads its 27
    # countries' meetings over 30 years at most, so history looks like a real one.
    span_days = max(365, min(total * 20, 365 * 30))
    for chunk_start in range(0, total, chunk_size):
        meetings = []
        for _index in range(chunk_start, min(total, chunk_start + chunk_size)):
            day = run.today + datetime.timedelta(days=rng.randint(-span_days, 90))
            start = aware(day, hour=rng.choice([8, 9, 10, 14]))
            past = day < run.today
            if past:
                status = pick(rng, {"published": 35, "minutes_approved": 40, "minutes_draft": 10, "held": 8,
                                    "cancelled": 7})  # fmt: skip
            else:
                status = pick(rng, {"planned": 50, "convened": 50})
            kind = pick(rng, kinds)
            approved = status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED)
            meetings.append(
                Meeting(
                    network=run.network,
                    title=f"{MEETING_TITLES[kind]} — {MONTHS[day.month - 1]} de {day.year}",
                    kind=kind,
                    start=start,
                    end=start + datetime.timedelta(hours=rng.choice([2, 3, 4])),
                    place="Ministerio de Trabajo y Seguridad Social, San José",
                    description="Reunión de la Red de Empresas contra el Trabajo Infantil con la Secretaría.",
                    is_public=rng.random() < 0.5,
                    status=status,
                    convened_at=start - datetime.timedelta(days=15) if status != MeetingStatus.PLANNED else None,
                    cancellation_reason="Reprogramada por agenda del Ministerio." if status == "cancelled" else "",
                    general_conclusions="<p>Se revisaron los avances y se tomaron acuerdos.</p>" if past else "",
                    public_summary="<p>La Red revisó sus avances y acordó los próximos pasos.</p>"
                    if status == MeetingStatus.PUBLISHED
                    else "",
                    minutes_approved_at=start + datetime.timedelta(days=20) if approved else None,
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=run.batch)
        if meetings[0].pk is None:
            ids = dict(Meeting.objects.filter(uid__in=[m.uid for m in meetings]).values_list("uid", "pk"))
            for meeting in meetings:
                meeting.pk = meeting.id = ids[meeting.uid]
        items, invitations, attendance, agreements, responsible = [], [], [], [], []
        for meeting in meetings:
            held = meeting.status not in ("planned", "convened", "cancelled")
            for order, title in enumerate(rng.sample(AGENDA_TITLES, rng.randint(5, 9))):
                items.append(
                    (
                        meeting.pk,
                        order,
                        datetime.time(9 + order // 2, 30 * (order % 2)),
                        30,
                        "",
                        title,
                        "",
                        "Secretaría Técnica (MTSS)" if order % 3 == 0 else "",
                        "",
                        "<p>Se presentó el tema y se abrió la discusión.</p>" if held else "",
                        "",
                    )
                )
            guests = rng.sample(invitable, min(len(invitable), rng.randint(8, 20)))
            present = set()  # one line per name in a meeting's attendance register
            for organization in guests:
                reply = (
                    pick(rng, {"accepted": 70, "declined": 10, "pending": 20})
                    if meeting.status != "planned"
                    else ReplyStatus.PENDING
                )
                invitations.append((meeting.pk, organization.pk, "", "", "", reply, "", meeting.convened_at, now))
                person_id, name = run.people[organization.pk][0]
                if held and reply != ReplyStatus.DECLINED and name not in present:
                    present.add(name)
                    attendance.append(
                        (
                            meeting.pk,
                            person_id,
                            name,
                            "",
                            organization.pk,
                            organization.short_name or organization.name,
                            AttendanceBody.NETWORK_MEMBERS,
                            AttendanceStatus.PRESENT if rng.random() < 0.9 else AttendanceStatus.EXCUSED,
                            AttendanceRole.DELEGATE,
                            "",
                        )
                    )
            if held:
                for text in rng.sample(AGREEMENT_TEXTS, rng.randint(1, 4)):
                    due = timezone.localtime(meeting.start).date() + datetime.timedelta(days=rng.randint(15, 90))
                    if due < run.today - datetime.timedelta(days=180):  # old ones are mostly settled
                        status = pick(rng, {"done": 85, "dropped": 10, "in_progress": 3, "pending": 2})
                    elif due < run.today:
                        status = pick(rng, {"done": 50, "in_progress": 20, "pending": 25, "dropped": 5})
                    else:
                        status = pick(rng, {"pending": 60, "in_progress": 40})
                    agreement = Agreement(
                        meeting_id=meeting.pk,
                        text=text,
                        due_date=due,
                        status=status,
                        dropped_reason="Se integró en otro acuerdo." if status == AgreementStatus.DROPPED else "",
                    )
                    agreements.append(agreement)
                    responsible.append((agreement, rng.choice(guests).pk if guests else None))
        fast_insert(AgendaItem, AGENDA_COLUMNS, items)
        fast_insert(Invitation, INVITATION_COLUMNS, invitations)
        fast_insert(Attendance, ATTENDANCE_COLUMNS, attendance)
        Agreement.objects.bulk_create(agreements, batch_size=run.batch)
        through = Agreement.responsible_organizations.through
        through.objects.bulk_create(
            [
                through(agreement_id=agreement.pk, organization_id=org_id)
                for agreement, org_id in responsible
                if org_id is not None and agreement.pk is not None
            ],
            batch_size=run.batch,
        )
        progress.add(len(meetings))
