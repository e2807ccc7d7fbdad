"""PDFs: the minutes of a meeting with 30 agenda items and 60 attendees, and an organisation's
yearly progress PDF; seconds and peak memory.

Each PDF is rendered in its own process (so that each peak memory is its own), first cold
(fonts and templates loaded on the way, as the first PDF of a fresh worker) then warm. The
meeting is created inside a transaction that is rolled back. The apps' own code renders:
`meetings.documents.minutes_pdf` and what `commitments.portal_views.ProgressPdfView` does.
Prints {"minutes_s", "minutes_warm_s", "minutes_peak_mb", "minutes_kb", "minutes_follow_up_rows"
(open agreements of earlier meetings, which the minutes list), "progress_s",
"progress_warm_s", "progress_peak_mb", "progress_kb", "progress_commitments"}.
"""

import datetime
import json
import subprocess
import sys

from common import Timer, emit, peak_rss_mb, setup


def minutes():
    from django.db import transaction
    from django.utils import timezone

    from meetings.documents import minutes_pdf
    from meetings.models import AgendaItem, Agreement, Attendance, AttendanceBody, Meeting, MeetingStatus
    from members.models import Organization

    organizations = list(Organization.objects.active().order_by("pk")[:60])
    with transaction.atomic():
        start = timezone.now() - datetime.timedelta(days=30)
        meeting = Meeting.objects.create(
            title="Reunión ordinaria de la Red (bench: 30 puntos, 60 asistentes)",
            start=start,
            end=start + datetime.timedelta(hours=8),
            place="Ministerio de Trabajo y Seguridad Social, San José",
            status=MeetingStatus.MINUTES_APPROVED,
            general_conclusions="<p>"
            + "La Red revisó los avances de sus miembros y acordó los próximos pasos. " * 8
            + "</p>",
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting,
                    sort_order=n,
                    start_time=datetime.time(8 + n // 4, (n % 4) * 15),
                    duration_minutes=15,
                    session=f"Sesión {'ABC'[n // 10]}",
                    title=f"Punto {n + 1}: seguimiento de los compromisos del sector {n % 7 + 1}",
                    presenters_text="Secretaría Técnica (MTSS)",
                    notes="<p>" + "Se presentó el tema, se discutieron los avances y las dificultades. " * 4 + "</p>",
                    conclusions="<p>Se acordó dar seguimiento en la próxima reunión.</p>",
                )
                for n in range(30)
            ]
        )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    meeting=meeting,
                    name=f"Persona Asistente {n + 1}",
                    organization=organizations[n % len(organizations)] if organizations else None,
                    organization_name=(organizations[n % len(organizations)].display_name if organizations else "")
                    or f"Organización {n + 1}",
                    body=AttendanceBody.NETWORK_MEMBERS if n < 50 else AttendanceBody.GUESTS,
                )
                for n in range(60)
            ]
        )
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(meeting=meeting, text=f"Acuerdo {n + 1}: enviar el informe de avance del trimestre.")
                for n in range(10)
            ]
        )
        for agreement, organization in zip(agreements, organizations, strict=False):
            agreement.responsible_organizations.add(organization)
        with Timer() as cold:
            first = minutes_pdf(meeting)
        with Timer() as warm:
            minutes_pdf(meeting)
        follow_up = len(list(meeting.follow_up_agreements()))
        transaction.set_rollback(True)
    return {
        "minutes_s": round(cold.seconds, 2),
        "minutes_warm_s": round(warm.seconds, 2),
        "minutes_peak_mb": peak_rss_mb(),
        "minutes_kb": round(len(first.content) / 1024),
        "minutes_follow_up_rows": follow_up,
    }


def progress():
    from django.db.models import Count
    from django.utils import timezone
    from django.utils.text import slugify

    from commitments.models import ProgressReport
    from commitments.portal_views import progress_pdf_context
    from members.models import Organization
    from network_site.pdf import pdf_response

    year = timezone.localdate().year
    organization = Organization.objects.active().annotate(n=Count("commitments")).order_by("-n", "pk").first()
    reports = ProgressReport.objects.filter(commitment__organization=organization, period_start__year=year).count()

    def render():
        context = progress_pdf_context(organization, year)
        return pdf_response(
            "commitments/pdf/progress.html", context, f"avance-{slugify(organization.display_name)}-{year}"
        )

    with Timer() as cold:
        first = render()
    with Timer() as warm:
        render()
    return {
        "progress_s": round(cold.seconds, 2),
        "progress_warm_s": round(warm.seconds, 2),
        "progress_peak_mb": peak_rss_mb(),
        "progress_kb": round(len(first.content) / 1024),
        "progress_commitments": organization.n,
        "progress_reports_in_year": reports,
    }


if __name__ == "__main__":
    if len(sys.argv) > 1:
        setup()
        emit({"minutes": minutes, "progress": progress}[sys.argv[1]]())
    else:
        result = {}
        for part in ("minutes", "progress"):
            output = subprocess.run(
                [sys.executable, __file__, part], capture_output=True, text=True, check=True
            ).stdout
            result.update(json.loads(output.strip().splitlines()[-1]))
        emit(result)
