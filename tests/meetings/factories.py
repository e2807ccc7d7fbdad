"""Factories of the meetings app: meetings, agenda items, invitations, attendance and agreements."""

import datetime
import zoneinfo

import factory

from meetings.models import AgendaItem, Agreement, Attendance, Invitation, Meeting
from tests.members.factories import OrganizationFactory

TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A three-hour meeting on 27 March 2030 at 9:00 (Costa Rica time) at the Ministry of Labour."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Reunión ordinaria {n}")
    start = factory.LazyFunction(lambda: datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    place = "Ministerio de Trabajo y Seguridad Social, San José"
    description = "Reunión de la Red de Empresas."


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A 30-minute agenda item at 9:00 in session A."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Punto de agenda {n}")
    start_time = datetime.time(9, 0)
    duration_minutes = 30
    session = "Sesión A"
    sort_order = factory.Sequence(lambda n: n)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A meeting's invitation to an organisation (reply pending)."""

    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    organization = factory.SubFactory(OrganizationFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A person recorded as present at a meeting for an organisation."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Persona Asistente {n}")
    organization = factory.SubFactory(OrganizationFactory)


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement of a meeting due on 30 June 2030; ``organizations=[...]`` sets who is responsible."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Acuerdo número {n}: enviar la información")
    due_date = datetime.date(2030, 6, 30)

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.responsible_organizations.set(extracted)
