"""What the cooperation board's public page shows (the ``public_models`` hook)."""


def public_models():
    """Saving or deleting one of these drops the cached public pages."""
    from .models import CooperationActivity, CooperationAgreement, CooperationDemand, CooperationOffer

    return [CooperationDemand, CooperationOffer, CooperationAgreement, CooperationActivity]
