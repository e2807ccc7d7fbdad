"""Models of the cooperation board, re-exported explicitly (records in board.py, the page in pages.py)."""

from .board import (
    ACTIVITY_LIFECYCLE,
    BOARD_LIFECYCLE,
    ActivityQuerySet,
    ActivityUpdate,
    AgreementQuerySet,
    BoardQuerySet,
    CooperationActivity,
    CooperationAgreement,
    CooperationDemand,
    CooperationOffer,
)
from .pages import CooperationBoardPage, PublicState

__all__ = [
    "ACTIVITY_LIFECYCLE",
    "BOARD_LIFECYCLE",
    "ActivityQuerySet",
    "ActivityUpdate",
    "AgreementQuerySet",
    "BoardQuerySet",
    "CooperationActivity",
    "CooperationAgreement",
    "CooperationBoardPage",
    "CooperationDemand",
    "CooperationOffer",
    "PublicState",
]
