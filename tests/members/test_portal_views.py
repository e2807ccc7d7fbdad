# ruff: noqa: F811  (pytest fixtures imported from tests/members/portal_support.py are redefined as test arguments)
"""Profile, contacts and colleagues in the portal: what representatives may do, what is stored and logged."""

import io

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry

from members.models import Organization, Person, PortalAccount, PortalRole
from tests.members.factories import PortalAccountFactory
from tests.members.portal_support import (  # noqa: F401 (fixtures)
    clear_rate_limits,
    colleague,
    members_hooks_only,
    person,
)
from tests.network_site.factories import UserFactory

pytestmark = pytest.mark.django_db


def png(width=40, height=20, name="logo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (11, 79, 108)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile_data(**extra):
    return {
        "description": "Empresa comprometida con la niñez.",
        "website": "https://propia.example.org",
        "region": "Heredia",
        "size": "large",
        **extra,
    }


# --- Profile -------------------------------------------------------------------------------


def test_everyone_in_the_organisation_reads_the_profile(client, observer, organization):
    organization.description = "Descripción pública de prueba."
    organization.save()
    client.force_login(observer)
    html = client.get(reverse("members_portal:profile")).content.decode()
    assert "Descripción pública de prueba." in html
    assert "Solo los representantes de su organización pueden cambiarlo." in html


def test_representative_saves_the_profile_and_a_logo_in_the_logos_collection(
    representative_client, organization, representative
):
    response = representative_client.post(reverse("members_portal:profile_edit"), profile_data(logo_file=png()))
    assert response.status_code == 302
    assert response["Location"] == reverse("members_portal:profile")
    organization.refresh_from_db()
    assert organization.description == "Empresa comprometida con la niñez."
    assert organization.region == "Heredia"
    assert organization.size == "large"
    logo = organization.logo
    assert logo is not None
    assert logo.collection.name == "Logos"
    assert (logo.width, logo.height) == (40, 20)
    assert logo.uploaded_by_user == representative
    entry = ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(organization.pk)).get()
    assert entry.user == representative
    assert "description" in entry.data["fields"]
    html = representative_client.get(reverse("members_portal:profile")).content.decode()
    assert "Empresa comprometida con la niñez." in html
    assert "<img" in html


def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(representative_client, organization):
    fake = SimpleUploadedFile("logo.png", b"esto no es una imagen", content_type="image/png")
    response = representative_client.post(reverse("members_portal:profile_edit"), profile_data(logo_file=fake))
    assert response.status_code == 200
    assert response.context["form"].errors["logo_file"]
    assert 'class="field__errors"' in response.content.decode()
    organization.refresh_from_db()
    assert organization.logo is None
    assert organization.description == ""
    assert not get_image_model().objects.exists()


def test_a_disallowed_image_type_is_refused(representative_client, organization):
    bmp = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(bmp, format="BMP")
    upload = SimpleUploadedFile("logo.bmp", bmp.getvalue(), content_type="image/bmp")
    response = representative_client.post(reverse("members_portal:profile_edit"), profile_data(logo_file=upload))
    assert response.status_code == 200
    assert response.context["form"].errors["logo_file"]
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=500)
def test_an_image_with_too_many_pixels_is_refused(representative_client, organization):
    response = representative_client.post(
        reverse("members_portal:profile_edit"), profile_data(logo_file=png(100, 100))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo_file"]
    organization.refresh_from_db()
    assert organization.logo is None


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_an_image_over_the_size_limit_is_refused(representative_client, organization):
    response = representative_client.post(
        reverse("members_portal:profile_edit"), profile_data(logo_file=png(200, 200))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo_file"]
    assert not get_image_model().objects.exists()


def test_a_bad_website_shows_an_error_and_writes_nothing(representative_client, organization):
    response = representative_client.post(
        reverse("members_portal:profile_edit"), profile_data(website="no es una web")
    )
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    html = response.content.decode()
    assert 'class="form-errors"' in html
    organization.refresh_from_db()
    assert organization.description == ""
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_the_profile_form_does_not_touch_secretariat_fields(representative_client, organization):
    organization.tax_id = "3-101-000000"
    organization.save()
    representative_client.post(
        reverse("members_portal:profile_edit"),
        profile_data(name="Otro nombre", tax_id="X", membership_status="withdrawn", is_partner="on"),
    )
    organization.refresh_from_db()
    assert organization.name == "Empresa Propia S.A."
    assert organization.tax_id == "3-101-000000"
    assert organization.membership_status == "active"
    assert organization.is_partner is False


# --- Contacts ------------------------------------------------------------------------------


def test_representative_adds_edits_and_deletes_a_contact(representative_client, organization, representative):
    response = representative_client.post(
        reverse("members_portal:person_add"),
        {
            "name": "Luis Mora",
            "position": "Gerente",
            "email": "Luis@Propia.example.org",
            "phone": "2222-0000",
            "is_focal_point": "on",
            "languages": "es",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="luis@propia.example.org")
    assert person.organization == organization
    assert person.is_focal_point
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(person.pk), user=representative
    ).exists()

    response = representative_client.post(
        reverse("members_portal:person_edit", args=[person.pk]),
        {"name": "Luis Mora Rojas", "email": "luis@propia.example.org"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Luis Mora Rojas"
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(person.pk)).exists()

    confirm = representative_client.get(reverse("members_portal:person_delete", args=[person.pk]))
    assert confirm.status_code == 200
    assert "¿Eliminar el contacto “Luis Mora Rojas”?" in confirm.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()  # the confirmation page deletes nothing
    response = representative_client.post(reverse("members_portal:person_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    deletion = ModelLogEntry.objects.get(action="wagtail.delete")
    assert deletion.data["organization_id"] == organization.pk

    dashboard = representative_client.get(reverse("members_portal:dashboard")).content.decode()
    assert "Luis Mora Rojas" in dashboard.split('id="activity-heading"')[1]


# An address another organisation uses: tests/members/test_email_probing.py (answered as a free one).


def test_a_contact_without_name_shows_the_error_next_to_the_field(representative_client, organization):
    response = representative_client.post(
        reverse("members_portal:person_add"), {"name": "", "email": "x@propia.example.org"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_name_errors"' in html
    assert 'value="x@propia.example.org"' in html  # what was typed stays
    assert not Person.objects.exists()


# --- Colleagues ----------------------------------------------------------------------------


def test_representative_invites_a_colleague(representative_client, organization, representative, mailoutbox):
    person = Person.objects.create(organization=organization, name="Marta", email="marta@propia.example.org")
    response = representative_client.post(
        reverse("members_portal:colleague_invite"),
        {"email": "Marta@Propia.example.org", "first_name": "Marta", "last_name": "Vargas", "role": "observer"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="marta@propia.example.org")
    assert not user.has_usable_password()
    account = user.portal_account
    assert (account.organization, account.role, account.person) == (organization, PortalRole.OBSERVER, person)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["marta@propia.example.org"]
    assert "/portal/invitation/" in mailoutbox[0].body
    assert ModelLogEntry.objects.filter(
        action="members.invitation_sent", object_id=str(account.pk), user=representative
    ).exists()
    listing = representative_client.get(reverse("members_portal:colleague_list")).content.decode()
    assert "marta@propia.example.org" in listing
    assert "Observador" in listing
    assert "Invitación aún no aceptada" in listing


def test_inviting_an_existing_colleague_says_so(representative_client, colleague, mailoutbox):
    response = representative_client.post(
        reverse("members_portal:colleague_invite"),
        {"email": colleague.user.email, "first_name": "X", "role": "contributor"},
    )
    assert response.status_code == 200
    assert "ya es uno de sus colegas" in response.content.decode()
    assert mailoutbox == []


def test_representative_changes_a_colleagues_role(representative_client, colleague):
    response = representative_client.post(
        reverse("members_portal:colleague_edit", args=[colleague.pk]), {"role": "observer"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.role == PortalRole.OBSERVER
    entry = ModelLogEntry.objects.get(action="members.role_change")
    assert entry.data.items() >= {"from": "contributor", "to": "observer", "source": "portal"}.items()


def test_representative_removes_a_colleagues_access(representative_client, colleague, organization):
    user = colleague.user
    assert (
        representative_client.get(reverse("members_portal:colleague_remove", args=[colleague.pk])).status_code == 200
    )
    response = representative_client.post(reverse("members_portal:colleague_remove", args=[colleague.pk]))
    assert response.status_code == 302
    assert not PortalAccount.objects.filter(pk=colleague.pk).exists()
    user.refresh_from_db()
    assert not user.is_active
    assert ModelLogEntry.objects.get(action="members.access_removed").data["organization_id"] == organization.pk


def test_resending_an_invitation_only_for_pending_colleagues(representative_client, organization, mailoutbox):
    pending = PortalAccountFactory(
        organization=organization,
        role=PortalRole.CONTRIBUTOR,
        user=UserFactory(email="pendiente@propia.example.org", password=None),
    )
    pending.user.set_unusable_password()
    pending.user.save()
    response = representative_client.post(reverse("members_portal:colleague_resend", args=[pending.pk]))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["pendiente@propia.example.org"]]

    active = PortalAccountFactory(organization=organization, role=PortalRole.CONTRIBUTOR)
    representative_client.post(reverse("members_portal:colleague_resend", args=[active.pk]))
    assert len(mailoutbox) == 1
    assert representative_client.get(reverse("members_portal:colleague_resend", args=[pending.pk])).status_code == 405


def test_portal_pages_use_the_portal_navigation(members_hooks_only, representative_client):
    html = representative_client.get(reverse("members_portal:person_list")).content.decode()
    nav = html.split('class="portal-nav"')[1].split("</nav>")[0]
    for label in ("Panel", "Perfil", "Contactos", "Colegas"):
        assert label in nav
    assert f'href="{reverse("members_portal:person_list")}" aria-current="page"' in nav
    assert reverse("account_change_password") in html
    assert reverse("mfa_index") in html
    assert reverse("set_language") in html


def test_other_apps_add_menu_items_through_the_hook(members_hooks_only, representative_client):
    from wagtail import hooks

    from network_site.hooks import MenuItem

    def extra(request, account):
        return [("Compromisos de prueba", "members_portal:profile", 25), MenuItem("Roto", "no_such:url")]

    with hooks.register_temporarily("portal_menu_items", extra):
        html = representative_client.get(reverse("members_portal:dashboard")).content.decode()
    nav = html.split('class="portal-nav"')[1].split("</nav>")[0]
    assert nav.index("Perfil") < nav.index("Compromisos de prueba") < nav.index("Contactos")
    assert "Roto" not in nav


def test_organization_is_unchanged_by_reading(representative_client, organization):
    before = Organization.objects.values().get(pk=organization.pk)
    for name in (
        "members_portal:dashboard",
        "members_portal:profile",
        "members_portal:person_list",
        "members_portal:colleague_list",
    ):
        representative_client.get(reverse(name))
    assert Organization.objects.values().get(pk=organization.pk) == before
