"""Names and small data types of the project's own Wagtail hooks (see docs/architecture.md)."""

from dataclasses import dataclass

HOME_KEY_FIGURES = "home_key_figures"
MEMBER_PROFILE_SECTIONS = "member_profile_sections"
OBSERVATORY_SECTIONS = "observatory_sections"


@dataclass
class KeyFigure:
    label: str
    value: object
    order: int = 100
    help_text: str = ""
