"""Models of the app (see its apps.py)."""
