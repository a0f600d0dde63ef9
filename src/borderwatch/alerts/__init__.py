"""Monitoring: saved searches raise alerts (written by the store's outbox in the transaction
that changes the events); this package delivers them as signed webhook POSTs and serves them as
Atom feeds."""

from .atom import FEED_ENTRIES, alert_feed
from .deliver import SIGNATURE_HEADER, Deliverer, DeliveryReport, retry_delay, sign

__all__ = [
    "FEED_ENTRIES",
    "SIGNATURE_HEADER",
    "Deliverer",
    "DeliveryReport",
    "alert_feed",
    "retry_delay",
    "sign",
]
