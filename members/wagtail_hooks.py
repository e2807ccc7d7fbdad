"""Registers the members app's admin viewsets and hooks (viewsets live in viewsets.py)."""

from members import portal_hooks  # noqa: F401  (registers the portal's own dashboard panels)
