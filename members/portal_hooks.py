"""Hooks of the member portal (dashboard panels of the members app itself)."""
