import datetime

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.dashboard import collect_panels
from network_site.lifecycle import Lifecycle, Transition
from supplychain.models import ActionItem, RiskRegion, RiskSector, Supplier
from tests.helpers import speak
from tests.members.factories import OrganizationFactory

from .factories import ActionItemFactory, RiskRegionFactory, RiskSectorFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_risk_level_computed_from_tables_and_overridable():
    supplier = SupplierFactory(sector=RiskSectorFactory(risk="high"), region=RiskRegionFactory(risk="low"))
    assert supplier.risk_level == "high"
    supplier.sector.risk = "low"
    supplier.sector.save()
    supplier = Supplier.objects.with_risk_tables().get(pk=supplier.pk)
    assert supplier.risk_level == "low"  # follows the secretariat's table
    supplier.risk_override = "medium"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        supplier.full_clean()
    supplier.risk_override_reason = "Visita de campo encontró subcontratación informal."
    supplier.full_clean()
    assert supplier.risk_level == "medium"


def test_portal_supplier_crud(representative_client, organization):
    sector = RiskSector.objects.get(name_es="Café")
    region = RiskRegion.objects.get(name="Puntarenas")
    url = reverse("supplychain_portal:supplier_add")
    response = representative_client.post(url, {"name": "", "tier": "direct"})
    assert response.status_code == 200 and not Supplier.objects.exists()
    response = representative_client.post(
        url, {"name": "Beneficio El Alto", "tier": "tier2", "sector": sector.pk, "region": region.pk, "workers": "40"}
    )
    assert response.status_code == 302
    supplier = Supplier.objects.get(organization=organization)
    assert supplier.risk_level == "high"
    response = representative_client.post(
        reverse("supplychain_portal:supplier_edit", args=[supplier.pk]),
        {"name": "Beneficio El Alto", "tier": "tier2", "risk_override": "low"},
    )
    assert response.status_code == 200  # a reason is needed
    assert Supplier.objects.get(pk=supplier.pk).risk_override == ""
    representative_client.post(reverse("supplychain_portal:supplier_delete", args=[supplier.pk]))
    assert not Supplier.objects.exists()


def test_import_suppliers_command_and_natural_key(tmp_path, organization):
    path = tmp_path / "proveedores.csv"
    path.write_text(
        "organization,name,tier,sector,region,workers\n"
        f"{organization.slug},Finca La Esperanza,direct,Café,Alajuela,25\n"
        f"{organization.slug},Transportes Unidos,tier2,Transporte y logística,San José,\n",
        encoding="utf-8",
    )
    call_command("import_data", "suppliers", str(path))
    assert Supplier.objects.filter(organization=organization).count() == 2
    path.write_text(
        "organization,name,tier,sector,region,workers\n"
        f"{organization.slug},Finca La Esperanza,direct,Café,Alajuela,30\n",
        encoding="utf-8",
    )
    call_command("import_data", "suppliers", str(path))
    assert Supplier.objects.get(name="Finca La Esperanza").workers == 30
    assert Supplier.objects.count() == 2


def test_import_with_unknown_sector_writes_nothing(tmp_path, organization):
    from django.core.management.base import CommandError

    path = tmp_path / "malo.csv"
    path.write_text(
        f"organization,name,sector\n{organization.slug},Bueno,Café\n{organization.slug},Malo,Minería lunar\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_data", "suppliers", str(path))
    assert not Supplier.objects.exists()


def test_portal_import_is_limited_to_own_organisation(representative_client, organization, other_organization):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("supplychain_portal:supplier_import")
    foreign = SimpleUploadedFile(
        "p.csv", f"organization,name\n{other_organization.slug},Intruso\n".encode(), content_type="text/csv"
    )
    response = speak(representative_client, "es").post(url, {"file": foreign})
    assert "Intruso" in response.content.decode() or response.context["report"].errors
    refusal = f"Solo puede importar proveedores de su propia organización ({organization.slug})."
    assert [(e.row, str(e.message)) for e in response.context["report"].errors] == [(2, refusal)]
    assert refusal in response.content.decode()
    assert not Supplier.objects.exists()
    assert response.context["job"] is None
    own = SimpleUploadedFile("p.csv", "name,tier,sector\nFinca Propia,direct,Café\n".encode(), content_type="text/csv")
    response = representative_client.post(url, {"file": own})
    job = response.context["job"]
    assert job is not None and not Supplier.objects.exists()  # preview writes nothing
    response = representative_client.post(reverse("supplychain_portal:supplier_import_confirm", args=[job.pk]))
    assert response.status_code == 302
    assert list(Supplier.objects.values_list("organization", "name")) == [(organization.pk, "Finca Propia")]
    assert not Supplier.objects.filter(organization=other_organization).exists()


def test_action_items_by_hand_and_overdue_on_dashboard(rf, representative_client, organization, representative):
    response = representative_client.post(
        reverse("supplychain_portal:action_add"),
        {
            "finding": "Sin verificación de edad",
            "action": "Pedir cédula en contratación",
            "owner": "RR. HH.",
            "due_date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            "status": "open",
            "verification": "Revisión de expedientes",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(organization=organization)
    assert item.is_overdue
    request = rf.get("/portal/")
    request.user = representative
    panels, due = collect_panels(request, representative.portal_account)
    titles = [d.title for d in due if d.overdue]
    assert any("Pedir cédula en contratación" in t for t in titles)
    item.transition_to("done", user=representative)
    assert item.completed_at == timezone.localdate()
    panels, due = collect_panels(request, representative.portal_account)
    assert not any("Pedir cédula" in d.title for d in due)


def test_an_action_items_status_goes_through_its_lifecycle(representative_client, organization, representative):
    item = ActionItemFactory(organization=organization, owner="RR. HH.")
    url = reverse("supplychain_portal:action_edit", args=[item.pk])
    data = {"finding": item.finding, "action": item.action, "owner": "RR. HH.", "status": "done"}
    assert representative_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at == timezone.localdate()
    entry = item.history().get()
    assert entry.user == representative
    assert entry.data.items() >= {"from": "open", "to": "done", "comment": "", "source": "portal"}.items()
    # Saved again without a change of status: no entry.
    assert representative_client.post(url, {**data, "owner": "Gerencia"}).status_code == 302
    item.refresh_from_db()
    assert item.owner == "Gerencia" and item.history().count() == 1
    # An undeclared change is refused and nothing changes.
    with pytest.raises(ValidationError):
        item.transition_to("done", user=representative)
    item.refresh_from_db()
    assert item.status == "done" and item.history().count() == 1


def test_a_refused_status_is_the_forms_error_and_nothing_is_saved(monkeypatch, representative_client, organization):
    monkeypatch.setattr(ActionItem, "lifecycle", Lifecycle(transitions=[Transition(["open"], "in_progress")]))
    item = ActionItemFactory(organization=organization, owner="RR. HH.")
    url = reverse("supplychain_portal:action_edit", args=[item.pk])
    data = {"finding": item.finding, "action": item.action, "owner": "Gerencia", "status": "done"}
    response = representative_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    item.refresh_from_db()
    assert (item.status, item.owner, item.completed_at) == ("open", "RR. HH.", None)
    assert not item.history().exists()


def test_dashboard_panel_queries_do_not_grow(rf, organization, representative, django_assert_num_queries):
    from supplychain.dashboard import portal_panels as supplychain_dashboard_panel

    request = rf.get("/portal/")
    request.user = representative
    account = representative.portal_account
    ActionItemFactory(organization=organization, due_date=timezone.localdate() - datetime.timedelta(days=1))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        supplychain_dashboard_panel(request, account)
    for _ in range(12):
        ActionItemFactory(organization=organization, due_date=timezone.localdate() - datetime.timedelta(days=2))
    ActionItemFactory(organization=OrganizationFactory())
    with CaptureQueriesContext(connection) as large:
        panel = supplychain_dashboard_panel(request, account)[0]
    assert len(large) == len(small)
    assert panel.context["overdue_total"] == 13
