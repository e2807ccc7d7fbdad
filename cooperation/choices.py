"""The cooperation board's choices: the states of a demand or an offer and the thematic areas.

The states of an agreement's activities are the meetings' agreement states (pending, in progress,
done, dropped; overdue past their date), re-exported here: one set of words for one idea.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.choices import OPEN_AGREEMENT_STATES, AgreementStatus

__all__ = ["OPEN_ACTIVITY_STATES", "ActivityStatus", "BoardState", "ThematicArea"]

#: An activity's states are an agreement's (meetings): pending → in progress → done, or dropped.
ActivityStatus = AgreementStatus
OPEN_ACTIVITY_STATES = OPEN_AGREEMENT_STATES


class BoardState(models.TextChoices):
    """A demand (demanda) or an offer (oferta) on the board."""

    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class ThematicArea(models.TextChoices):
    """The background document's acceleration factors, and the two themes its exchange was about."""

    MONITORING = "monitoring", _("Child labour monitoring systems")
    PRIVATE_SECTOR = "private_sector", _("Alliances with the private sector")
    AGRICULTURE = "agriculture", _("Agriculture and rural sector")
    EDUCATION = "education", _("Education")
    YOUTH_EMPLOYMENT = "youth_employment", _("Youth employment")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    MIGRATION = "migration", _("Migration")
    INFORMALITY = "informality", _("Informality")
    INDIGENOUS = "indigenous", _("Indigenous communities")
    POLICY_COORDINATION = "policy_coordination", _("Policy coordination and decentralisation")
    OTHER = "other", _("Other")
