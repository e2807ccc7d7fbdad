"""Keep identifying details of children out of free text.

Referral records carry counts, age bands and places only. Their free-text fields warn
against personal data and refuse text that obviously carries it: identity-number-like
digit groups (a Costa Rican cédula, 1-2345-6789 or 123456789; DIMEX numbers; phone numbers)
and labels such as "nombre:" or "cédula:" followed by a value.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Shown next to every free-text field of a referral.
NO_PERSONAL_DATA_WARNING = _(
    "Do not write names, identity numbers, addresses, phone numbers, photos or any detail that "
    "could identify a child or their family. Record counts, age bands and places only."
)

IDENTIFIER_PATTERNS = [
    # Cédula with separators: 1-2345-6789, 1 234 5678, 01-0234-0567.
    re.compile(r"(?<![\d-])0?\d[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\d-])"),
    # Nine to twelve digits in a row: cédula, DIMEX, passport-like numbers.
    re.compile(r"(?<!\d)\d{9,12}(?!\d)"),
    # Eight-digit phone numbers, with or without a separator (2222-3333, 8888 7777, 88887777).
    # (a range of years such as 2025-2026 is not a phone number).
    re.compile(r"(?<![\d-])(?!(?:19|20)\d\d[\s-]?(?:19|20)\d\d)[2-8]\d{3}[\s-]?\d{4}(?![\d-])"),
]
LABEL_PATTERN = re.compile(
    r"\b(nombres?|apellidos?|name|surname|c[ée]dula|identificaci[óo]n|id|pasaporte|passport|dimex|"
    r"direcci[óo]n|address|domicilio|tel[ée]fono|phone|celular|foto|photo)\s*[:=#]\s*\S",
    re.IGNORECASE,
)


def find_identifier(text):
    """The first fragment of `text` that looks like personal data, or None."""
    if not text:
        return None
    for pattern in [*IDENTIFIER_PATTERNS, LABEL_PATTERN]:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def validate_no_identifiers(value):
    fragment = find_identifier(value)
    if fragment:
        raise ValidationError(
            _(
                "Remove “%(fragment)s”: referrals must not contain names, identity numbers, "
                "addresses, phone numbers or other details that identify a person."
            ),
            code="identifier",
            params={"fragment": fragment},
        )
