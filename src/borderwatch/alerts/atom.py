"""An Atom feed (RFC 4287) of a saved search's alerts: one entry per alert, newest first.

Feed readers can follow a search without a webhook.  Each entry's id is the alert's idempotency
key (as a tag URI), its link the event's page on the dashboard, and its summary the fields an
analyst scans: what, where, when, how many killed, how many sources.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50  # alerts a feed lists


def _stamp(at: datetime) -> str:
    return at.replace(microsecond=0).isoformat() + "Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def entry_title(change: str, event: dict[str, Any]) -> str:
    what = event.get("sub_event_type") or event.get("event_type") or "event"
    where = event.get("location") or "unknown place"
    when = event.get("event_date") or "undated"
    return f"{change}: {what} at {where} ({when})"


def entry_summary(event: dict[str, Any]) -> str:
    actors = " vs ".join(a for a in (event.get("actor1"), event.get("actor2")) if a)
    parts = [
        f"{event.get('event_type')}: {event.get('sub_event_type')}",
        f"actors: {actors}" if actors else "",
        f"fatalities: {event.get('fatalities')}" if event.get("fatalities") is not None else "",
        f"sources: {event.get('n_sources')}",
        event.get("notes") or "",
    ]
    return "; ".join(p for p in parts if p)


def alert_feed(name: str, alerts: Sequence[dict[str, Any]], base_url: str) -> bytes:
    """The Atom document for search ``name`` (``alerts`` newest first, as the store lists them);
    ``base_url`` is the server's address, for the links."""
    ET.register_namespace("", ATOM)
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"{base}/api/alerts/{quote(name)}.atom")
    _sub(feed, "title", f"Borderwatch alerts: {name}")
    newest = max((a["created_at"] for a in alerts), default=None)
    _sub(feed, "updated", _stamp(newest) if newest else "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", href=f"{base}/api/alerts/{quote(name)}.atom")
    _sub(feed, "link", rel="alternate", href=f"{base}/alerts")
    author = _sub(feed, "author")
    _sub(author, "name", "Borderwatch")
    _sub(feed, "generator", "Borderwatch")
    for alert in alerts:
        event = alert["body"]["event"]
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:borderwatch:alert:{quote(alert['id'])}")
        _sub(entry, "title", entry_title(alert["change"], event))
        _sub(entry, "updated", _stamp(alert["created_at"]))
        link = f"{base}/?event={quote(alert['event_id'])}"
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "category", term=alert["change"])
        _sub(entry, "summary", entry_summary(event))
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
