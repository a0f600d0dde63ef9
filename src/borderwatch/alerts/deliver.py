"""Deliver alerts to webhooks: signed POSTs retried with backoff; no endpoint blocks another.

Each saved search with a webhook is a stream sent in order, on its own thread: an endpoint that
is down or slow holds back only its own alerts, which wait for their retry (``RETRY_BASE`` doubled
per failed attempt, at most ``RETRY_MAX``) while the others are sent.  A body is the one the
outbox stored, byte for byte, so a retry carries the same ``id`` and the same signature; an alert
is marked delivered only after a 2xx answer, so a crash at any point sends it again (same id)
rather than losing it.  After each round, alerts delivered more than the retention period ago
are pruned (``alert_retention_days``; the newest of each event and search is kept), so that the
outbox does not grow with every alert ever sent.  Webhook URLs pass the ingest SSRF guard
(``ingest.guard.pin``): an address on a private, loopback or link-local network is refused
unless the search allows it, the request goes to the checked address, and redirects are not
followed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from ..ingest.fetch import USER_AGENT
from ..ingest.guard import FetchError, pin
from ..store import PendingAlert, Store

RETRY_BASE = timedelta(seconds=30)  # first retry; doubled per failed attempt
RETRY_MAX = timedelta(hours=1)  # a receiver down for a day is tried hourly, never dropped
TIMEOUT = httpx.Timeout(10.0, connect=5.0)  # a webhook answers quickly or is counted down
PER_SEARCH = 50  # alerts of one search sent per round (the rest wait for the next round)
MAX_THREADS = 8  # endpoints sent to at once
SIGNATURE_HEADER = "X-Borderwatch-Signature"


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_MAX)


@dataclass
class DeliveryReport:
    """What one round sent: alerts delivered, and one line per endpoint that failed."""

    delivered: int = 0
    pruned: int = 0  # delivered alerts past the retention period, deleted after the round
    failed: list[str] = field(default_factory=list)
    busy: bool = False  # another process was delivering; this round sent nothing

    def line(self) -> str:
        if self.busy:
            return "alerts: another process is delivering"
        line = f"alerts: {self.delivered} delivered, {len(self.failed)} endpoints failing"
        return f"{line}, {self.pruned} old ones pruned" if self.pruned else line


Poster = Callable[[PendingAlert], None]


class Deliverer:
    """Sends a store's pending alerts; ``post`` may be replaced (tests use the real one)."""

    def __init__(
        self, store: Store, *, allow_private: bool = False, retention_days: int = 0
    ) -> None:
        self.store = store
        self.allow_private = allow_private
        self.retention = timedelta(days=retention_days) if retention_days > 0 else None
        self.client = httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Deliverer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def deliver(self) -> DeliveryReport:
        """One round: every due alert of every search, each search's in order."""
        report = DeliveryReport()
        with self.store.delivery_lock() as held:
            if not held:
                report.busy = True
                return report
            streams: dict[int, list[PendingAlert]] = {}
            for alert in self.store.due_alerts(PER_SEARCH):
                streams.setdefault(alert.search.search_id or 0, []).append(alert)
            results = []
            if streams:
                with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(streams))) as pool:
                    results = list(pool.map(self._stream, streams.values()))
            if self.retention is not None:
                report.pruned = self.store.prune_alerts(self.retention)
        for sent, error in results:
            report.delivered += sent
            if error:
                report.failed.append(error)
        return report

    def _stream(self, stream: list[PendingAlert]) -> tuple[int, str | None]:
        """Send one search's alerts in order; stop at the first failure and hold the rest."""
        for n, alert in enumerate(stream):
            try:
                self.post(alert)
            except FetchError as exc:
                reason = str(exc)
                delay = retry_delay(alert.attempts + 1)
                self.store.alert_failed([a.alert_id for a in stream[n:]], reason, delay)
                return n, f"{alert.search.name}: {alert.search.webhook}: {reason}"
            self.store.alert_delivered(alert.alert_id)
        return len(stream), None

    def post(self, alert: PendingAlert) -> None:
        """POST one alert; raise ``FetchError`` unless the receiver answers 2xx."""
        search = alert.search
        assert search.webhook is not None and search.secret is not None
        target = pin(search.webhook, allow_private=self.allow_private or search.allow_private)
        body = alert.body.encode("utf-8")
        headers = {
            "Host": target.host_header,
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(body, search.secret),
            "X-Borderwatch-Alert": alert.key,
        }
        request = self.client.build_request(
            "POST",
            target.url,
            content=body,
            headers=headers,
            extensions={"sni_hostname": target.server_name},
        )
        try:
            response = self.client.send(request)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot connect ({str(exc).strip() or type(exc).__name__})") from exc
        if not 200 <= response.status_code < 300:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
