"""Models of the members app, re-exported explicitly: the organisations and their people, and the app's pages."""

from .organizations import (
    MEMBERSHIP_LIFECYCLE,
    Application,
    ApplicationQuerySet,
    ApplicationStatus,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationQuerySet,
    OrganizationSize,
    Person,
    PersonQuerySet,
    PortalAccount,
    PortalAccountQuerySet,
    PortalRole,
    Scope,
    Sector,
    directory_url,
    representative_emails,
)
from .pages import (
    JoinPage,
    MemberDirectoryPage,
)

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "ApplicationStatus",
    "directory_url",
    "JoinPage",
    "MemberDirectoryPage",
    "MEMBERSHIP_LIFECYCLE",
    "MembershipStatus",
    "Organization",
    "OrganizationKind",
    "OrganizationQuerySet",
    "OrganizationSize",
    "Person",
    "PersonQuerySet",
    "PortalAccount",
    "PortalAccountQuerySet",
    "PortalRole",
    "representative_emails",
    "Scope",
    "Sector",
]
