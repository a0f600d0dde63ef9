"""Serve: the FastAPI app with the JSON API and the dashboard (static files in the package)."""

from .app import create_app

__all__ = ["create_app"]
