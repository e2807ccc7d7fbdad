"""Models of the supplychain app, re-exported explicitly."""

from .assessments import (
    Answer,
    Assessment,
    AssessmentStatus,
    Maturity,
    SectionScore,
    canonical_value,
    fingerprint,
    maturity_for,
)
from .calendar import AssessmentRound, NoticeKind, NoticeLog, RoundState
from .questionnaires import (
    Option,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireLocked,
    QuestionnaireStatus,
    Section,
)
from .referrals import Authority, Referral, ReferralStatus
from .valuechain import ActionItem, ActionStatus, RiskLevel, RiskRegion, RiskSector, Supplier, SupplierTier

__all__ = [
    "ActionItem",
    "ActionStatus",
    "Answer",
    "Assessment",
    "AssessmentRound",
    "AssessmentStatus",
    "Authority",
    "Maturity",
    "NoticeKind",
    "NoticeLog",
    "Option",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnaireLocked",
    "QuestionnaireStatus",
    "Referral",
    "ReferralStatus",
    "RiskLevel",
    "RiskRegion",
    "RiskSector",
    "RoundState",
    "Section",
    "SectionScore",
    "Supplier",
    "SupplierTier",
    "canonical_value",
    "fingerprint",
    "maturity_for",
]
