import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from network_site.spreadsheets import export_resource, get_resource_class
from supplychain.models import Referral, RiskRegion
from supplychain.models.referrals import add_working_days
from supplychain.validators import find_identifier, validate_no_identifiers

from .factories import ReferralFactory, SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "La niña con cédula 1-2345-6789 trabajaba en la cosecha",
        "cédula 123456789",
        "documento 01-0234-0567",
        "Nombre: María Pérez",
        "nombre : Juan",
        "DIMEX 155812345678",
        "teléfono de la madre 8888-7777",
        "Dirección: 200 m norte de la iglesia",
        "name: John",
    ],
)
def test_validator_refuses_obvious_identifiers(text):
    assert find_identifier(text)
    with pytest.raises(ValidationError):
        validate_no_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dos adolescentes de 15 a 17 años en cosecha de café, trabajo peligroso",
        "Referido a la oficina regional del MTSS el 12/05/2025",
        "Cosecha 2025-2026 en la finca del proveedor",
        "Actividad: recolección de melón",
        "",
    ],
)
def test_validator_accepts_counts_places_and_dates(text):
    assert find_identifier(text) is None
    validate_no_identifiers(text)


def test_referrals_have_no_field_for_identities_or_files():
    names = {f.name for f in Referral._meta.get_fields()}
    for forbidden in ("name", "child_name", "identity", "cedula", "address", "photo", "phone"):
        assert forbidden not in names
    assert not any(isinstance(f, models.FileField) for f in Referral._meta.get_fields())


def test_portal_form_refuses_identifiers_and_writes_nothing(representative_client, organization):
    region = RiskRegion.objects.get(name="Limón")
    url = reverse("supplychain_portal:referral_add")
    page = representative_client.get(url).content.decode()
    assert "sc-warning" in page and 'type="file"' not in page
    data = {
        "detected_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "region": region.pk,
        "activity": "Cosecha de banano",
        "hazardous": "on",
        "girls_5_11": 0,
        "boys_5_11": 0,
        "girls_12_14": 0,
        "boys_12_14": 1,
        "girls_15_17": 0,
        "boys_15_17": 1,
        "authority": "mtss",
        "identified_notes": "Nombre: Carlos, cédula 1-1111-1111",
    }
    response = representative_client.post(url, data)
    assert response.status_code == 200
    assert "Nombre: Carlos, cédula 1-1111-1111" in response.content.decode()  # typed text stays to be corrected
    assert not Referral.objects.exists()
    data["identified_notes"] = "Detectado en visita al proveedor; dos adolescentes en tareas peligrosas."
    response = representative_client.post(url, data)
    assert response.status_code == 302
    referral = Referral.objects.get(organization=organization)
    assert referral.total_children == 2 and referral.status == "identified"


def test_referral_needs_counts_and_own_supplier(organization, other_organization):
    referral = ReferralFactory.build(
        organization=organization, girls_12_14=0, boys_15_17=0, region=RiskRegion.objects.first()
    )
    with pytest.raises(ValidationError) as error:
        referral.full_clean()
    assert "girls_5_11" in error.value.message_dict
    referral.girls_12_14 = 1
    referral.supplier = SupplierFactory(organization=other_organization)
    with pytest.raises(ValidationError) as error:
        referral.full_clean()
    assert "supplier" in error.value.message_dict


def test_steps_in_order_with_dates_notes_and_audit_log(representative_client, organization):
    from wagtail.models import ModelLogEntry

    referral = ReferralFactory(organization=organization)
    url = reverse("supplychain_portal:referral_advance", args=[referral.pk])
    response = representative_client.post(url, {"on": timezone.localdate().isoformat(), "notes": "Cédula: 123456789"})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "identified"
    representative_client.post(url, {"on": timezone.localdate().isoformat(), "notes": "Referido a la OATIA."})
    referral.refresh_from_db()
    assert referral.status == "referred" and referral.referred_notes == "Referido a la OATIA."
    representative_client.post(url, {"on": timezone.localdate().isoformat(), "notes": "Verificado en visita."})
    representative_client.post(url, {"on": timezone.localdate().isoformat(), "notes": ""})
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.closed_on == timezone.localdate()
    steps = [(e.data["from"], e.data["to"], e.data["comment"]) for e in reversed(referral.history())]
    assert steps == [
        ("identified", "referred", "Referido a la OATIA."),
        ("referred", "removal_verified", "Verificado en visita."),
        ("removal_verified", "closed", ""),
    ]
    assert ModelLogEntry.objects.filter(action="lifecycle.transition", object_id=str(referral.pk)).count() == 3


def test_late_steps_flagged():
    monday = datetime.date(2025, 3, 3)
    assert add_working_days(monday, 5) == datetime.date(2025, 3, 10)
    referral = ReferralFactory.build(detected_on=monday, referred_on=datetime.date(2025, 3, 12))
    assert "referred" in referral.late_steps(today=datetime.date(2025, 3, 12))
    on_time = ReferralFactory.build(detected_on=monday, referred_on=datetime.date(2025, 3, 10))
    assert "referred" not in on_time.late_steps(today=datetime.date(2025, 3, 12))
    pending = ReferralFactory.build(detected_on=monday, referred_on=None)
    assert pending.late_steps(today=datetime.date(2025, 3, 7)) == []
    assert pending.late_steps(today=datetime.date(2025, 3, 11)) == ["referred"]


def test_admin_lists_all_referrals_with_late_flag_and_exports_safe_columns(staff_client, organization):
    late = ReferralFactory(
        organization=organization,
        detected_on=timezone.localdate() - datetime.timedelta(days=30),
        identified_notes="Notas internas de la visita",
    )
    ReferralFactory()
    response = staff_client.get(reverse("supplychain_referrals:index"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2
    assert late.is_late
    resource = get_resource_class("referrals")(user=None)
    content = export_resource(resource, "csv").decode("utf-8-sig")
    header = content.splitlines()[0].split(",")
    assert "girls_12_14" in header and "late_steps" in header
    assert not any("notes" in column for column in header)
    assert "Notas internas" not in content
    assert "referred" in content
