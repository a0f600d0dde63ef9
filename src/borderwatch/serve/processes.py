"""``borderwatch serve --workers N``: N processes answering on one listening socket, as gunicorn
and uvicorn's own ``--workers`` do, so that a machine's second core computes answers too.

One process computes answers under one GIL: under ``bench/load.py`` (50 clients, a writer)
``serve`` used at most one core of two while requests queued behind each other.  The parent
binds the sockets (one per worker, ``listening_sockets``), then forks the workers before it
starts any thread (a fork of a process with threads may copy a lock another thread held); each
worker builds its own app, store connections and kept answers (``serve.cache``) and accepts on
its inherited socket, the kernel spreading the connections over them.  The parent only waits:
a worker that dies is started again (``RESTART_LIMIT``), and SIGINT or SIGTERM is passed on to
every worker.  Alert delivery runs in
the first worker only (the outbox is shared; one deliverer suffices, and the store's delivery
lock keeps two from sending twice anyway).

Read-your-writes across processes: a write through any worker ends the staleness of the kept
answers of every worker (``WriteClock``: the moment of the last write through this server, in
memory shared by the forked processes), as ``ResponseCache.expire`` does within one.
"""

from __future__ import annotations

import logging
import mmap
import os
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable
from types import FrameType

log = logging.getLogger(__name__)

# A worker that dies this soon after it started, this many times in a row, is not started
# again: the whole server stops with an error instead of forking in a loop (a port taken, a
# store that cannot be opened).
RESTART_WITHIN_S = 5.0
RESTART_LIMIT = 3
BACKLOG = 2048  # pending connections the socket holds (uvicorn's default)


class WriteClock:
    """When this server last wrote (``time.monotonic()``, which every process of a Linux or
    macOS machine reads from one clock), kept in memory that processes forked after its
    creation share; ``shared=False``: this process's own."""

    def __init__(self, shared: bool = False) -> None:
        self._cell = mmap.mmap(-1, 8) if shared else None  # MAP_SHARED | MAP_ANONYMOUS
        self._local = float("-inf")
        if self._cell is not None:
            struct.pack_into("d", self._cell, 0, float("-inf"))

    def mark(self) -> float:
        """Note a write now (never moving the clock back); the moment noted."""
        now = max(time.monotonic(), self.last())
        if self._cell is None:
            self._local = now
        else:
            struct.pack_into("d", self._cell, 0, now)
        return now

    def last(self) -> float:
        """The moment of the last write noted by any process sharing the clock."""
        if self._cell is None:
            return self._local
        return float(struct.unpack_from("d", self._cell, 0)[0])


Worker = Callable[[socket.socket, WriteClock, int], None]


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """A socket per worker, all bound to ``host:port`` (IPv6 when ``host`` is an IPv6 address).

    With ``SO_REUSEPORT`` (Linux, the BSDs) the kernel spreads new connections over the sockets
    evenly by a hash of their addresses.  Workers sharing one socket instead take connections
    as they win the race to ``accept``: the least busy wins most, and a client's keep-alive
    connection stays with its worker, so under bench/load.py one worker held most of the 50
    clients while the other idled.  Without ``SO_REUSEPORT``, one socket shared by all."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    reuse_port = getattr(socket, "SO_REUSEPORT", None)
    # Another server on the port whose sockets have SO_REUSEPORT would share it with these
    # (the kernel allows it to one user), silently taking half the connections: a socket
    # without it, bound first, is refused then, as a second server should be.
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        port = probe.getsockname()[1]  # the port given, or the one picked for port 0
    sockets: list[socket.socket] = []
    try:
        for _ in range(count if reuse_port is not None else 1):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port is not None:
                sock.setsockopt(socket.SOL_SOCKET, reuse_port, 1)
            sock.bind((host, port))
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class Supervisor:
    """The parent of ``workers`` forked processes each running ``worker(sock, clock, index)``
    on its socket of ``sockets`` (the one socket, when there is one for all)."""

    def __init__(self, sockets: list[socket.socket], workers: int, worker: Worker) -> None:
        self.sockets, self.count, self.worker = sockets, workers, worker
        self.clock = WriteClock(shared=True)
        self.children: dict[int, tuple[int, float]] = {}  # pid -> (index, started)
        self.stopping = False
        self.quick_deaths = 0

    def run(self) -> int:
        """Fork the workers, start again those that die, until a signal stops them all; the
        exit status (1 when workers kept dying at start)."""
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for index in range(self.count):
                self._fork(index)
            return self._wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._signal_all(signal.SIGTERM)
            self._reap_all()

    def _fork(self, index: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: default signal handling until uvicorn installs its own
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 0
            try:
                self.worker(self.sockets[index % len(self.sockets)], self.clock, index)
            except BaseException as exc:  # noqa: BLE001 -- a worker's end, reported to its parent
                if not isinstance(exc, KeyboardInterrupt | SystemExit):
                    print(f"serve worker {index}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children[pid] = (index, time.monotonic())

    def _wait(self) -> int:
        while self.children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            index, started = self.children.pop(pid, (None, 0.0))
            if index is None or self.stopping:
                continue
            quick = time.monotonic() - started < RESTART_WITHIN_S
            self.quick_deaths = self.quick_deaths + 1 if quick else 0
            log.warning("serve worker %d (pid %d) ended: status %d", index, pid, status)
            if self.quick_deaths >= RESTART_LIMIT:
                print(
                    f"serve: worker {index} ended {RESTART_LIMIT} times within "
                    f"{RESTART_WITHIN_S:g} s of starting; stopping",
                    file=sys.stderr,
                )
                self._stop(signal.SIGTERM, None)
                return 1
            self._fork(index)
        return 0

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        self._signal_all(signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    def _signal_all(self, sig: int) -> None:
        for pid in list(self.children):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                self.children.pop(pid, None)

    def _reap_all(self) -> None:
        deadline = time.monotonic() + 30
        while self.children and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.05)
                continue
            self.children.pop(pid, None)
        for pid in self.children:  # still there after 30 s
            os.kill(pid, signal.SIGKILL)
