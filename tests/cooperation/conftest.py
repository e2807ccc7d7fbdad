"""Fixtures of the cooperation board's tests: the users (a network's staff, regional staff) and an
agreement between the default network (Costa Rica) and another one (Ecuador)."""

import pytest

from django.contrib.auth.models import Group, Permission

from network_site.networks import REGIONAL_GROUP, activate
from tests.cooperation.factories import ActivityFactory, AgreementFactory, DemandFactory, OfferFactory
from tests.network_site.factories import NetworkStaffUserFactory, UserFactory

#: What a network's secretariat is given on the board.
NETWORK_PERMISSIONS = [
    "access_admin",
    "add_cooperationdemand",
    "change_cooperationdemand",
    "view_cooperationdemand",
    "add_cooperationoffer",
    "change_cooperationoffer",
    "view_cooperationoffer",
    "view_cooperationagreement",
    "view_cooperationactivity",
    "add_activityupdate",
]


def network_staff(network, codenames=NETWORK_PERMISSIONS):
    user = NetworkStaffUserFactory(network=network)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def staff_a(default_network):
    return network_staff(default_network)


@pytest.fixture
def staff_b(other_network):
    return network_staff(other_network)


@pytest.fixture
def regional_user(db):
    user = UserFactory(is_staff=True, email="equipo.regional@example.org")
    group, _created = Group.objects.get_or_create(name=REGIONAL_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def demand_a(default_network):
    return DemandFactory(title="Asistencia técnica en sistemas de seguimiento")


@pytest.fixture
def offer_b(other_network):
    with activate(other_network):
        return OfferFactory(title="Experiencia de Ecuador en seguimiento")


@pytest.fixture
def agreement_ab(default_network, other_network):
    agreement = AgreementFactory(title="Acuerdo Costa Rica – Ecuador", networks=[default_network, other_network])
    ActivityFactory(agreement=agreement, title="Videoconferencia", responsible_network=default_network)
    ActivityFactory(agreement=agreement, title="Visita técnica", responsible_network=other_network)
    return agreement
