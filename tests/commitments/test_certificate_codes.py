"""Certificate codes without look-alikes, verified however they are typed; the verification page
is linked from the site's footer and printed on each certificate."""

import re

from django.urls import reverse

from commitments.models import PledgeSignature
from commitments.models.pledge import CODE_ALPHABET, format_verification_code
from commitments.portal_views import certificate_context
from network_site.pdf import render_pdf
from tests.helpers import pdf_text

from .factories import PledgeVersionFactory


def sign(organization, user):
    return PledgeSignature.sign(
        organization=organization,
        version=PledgeVersionFactory(),
        user=user,
        signer_name="Ana Mora",
        signer_position="Gerente",
    )


def test_codes_have_no_look_alikes(organization, representative):
    assert not set("IL1O0lo") & set(CODE_ALPHABET)
    codes = {sign(organization, representative).verification_code for _ in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert re.fullmatch(f"[{CODE_ALPHABET}]{{16}}", code), code
        assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", format_verification_code(code))


def test_a_code_is_verified_in_lower_case_with_spaces_or_dashes(client, organization, representative):
    signature = sign(organization, representative)
    code = signature.verification_code
    typed = [
        code.lower(),
        format_verification_code(code).lower(),
        " ".join(code[i : i + 4] for i in range(0, 16, 4)),
        f"  {code[:8]}–{code[8:]}  ",  # an en dash, as PDFs copy it
    ]
    for variant in typed:
        response = client.get(reverse("commitments:verify_form"), {"code": variant})
        assert response.status_code == 302, variant
        page = client.get(response["Location"])
        assert page.status_code == 200, variant
        assert organization.name in page.content.decode()
    assert PledgeSignature.objects.verified_by(code.lower()) == signature
    assert client.get(reverse("commitments:verify", args=[code.lower()])).status_code == 200


def test_an_older_code_still_matches_as_typed(client, organization, representative):
    signature = sign(organization, representative)
    PledgeSignature.objects.filter(pk=signature.pk).update(verification_code="aB-3xY_9kLmN0pQrStUvWx")
    assert PledgeSignature.objects.verified_by("aB-3xY_9kLmN0pQrStUvWx") == signature
    assert client.get(reverse("commitments:verify", args=["aB-3xY_9kLmN0pQrStUvWx"])).status_code == 200
    assert client.get(reverse("commitments:verify", args=["AB-3XY_9KLMN0PQRSTUVWX"])).status_code == 404


def test_the_certificate_prints_the_verification_page_and_code(organization, representative, settings):
    settings.BASE_URL = "https://red.example.org"
    signature = sign(organization, representative)
    text = " ".join(pdf_text(render_pdf("commitments/pdf/certificate.html", certificate_context(signature))).split())
    assert format_verification_code(signature.verification_code) in text
    assert "https://red.example.org/es/commitments/verify/" in text
    assert f"https://red.example.org/es/commitments/verify/{signature.verification_code}/" in text.replace(" ", "")


def test_the_footer_links_the_verification_page(client, db):
    content = client.get("/es/commitments/verify/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert f'href="{reverse("commitments:verify_form")}"' in footer
    assert "Verificar un certificado" in footer
