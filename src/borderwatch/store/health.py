"""What a database error means to a caller outside the store: gone for now, or wrong for good.

Callers (the pipeline, ``watch``, the API) must not import the database driver, yet they must
tell "the database is locked or out of reach: try again later" from a bug or a refused write.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..errors import StoreError


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` says the database is busy or unreachable for now (locked, connection
    refused or dropped, server shutting down): the same write may succeed later."""
    if isinstance(exc, StoreError) and exc.__cause__ is not None:
        exc = exc.__cause__
    if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
        return True
    return isinstance(exc, sa.exc.DBAPIError) and bool(exc.connection_invalidated)


def one_line(exc: BaseException) -> str:
    """The driver's own first line for a database error (SQLAlchemy appends the statement and a
    link); ``Type: message`` for anything else."""
    original = getattr(exc, "orig", None)
    if isinstance(exc, sa.exc.DBAPIError) and original is not None:
        text = f"{type(original).__name__}: {original}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    lines = text.strip().splitlines()
    return lines[0] if lines else type(exc).__name__
