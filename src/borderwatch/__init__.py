"""Borderwatch: an evidence-backed event database from English news about a border region."""

__version__ = "0.1.0"
