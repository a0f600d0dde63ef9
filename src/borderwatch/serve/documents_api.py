"""The API's document routes beyond submission: ``DELETE /api/documents/{doc_key}`` withdraws a
report (behind the token), as ``borderwatch retract`` does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..commit import retract
from ..errors import StoreError
from ..settings import Settings
from ..store import Store

DocKey = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
Authorise = Callable[[str | None, HTTPAuthorizationCredentials | None], None]
bearer = HTTPBearer(auto_error=False, description="The server's api_token setting")


def documents_router(settings: Settings, db: Store, authorise: Authorise) -> APIRouter:
    router = APIRouter(tags=["documents"])

    @router.delete("/api/documents/{doc_key}")
    def retract_document(
        doc_key: DocKey,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> dict[str, Any]:
        """Withdraw a report (needs the token): its mentions leave their events, which are
        fused again from their other reports; an event left with none is retired.  Answers
        the events rewritten and retired."""
        authorise(settings.api_token, credentials)
        try:
            done = retract(db, doc_key, settings.fatality_rule)
        except StoreError as exc:
            status = 409 if "already" in str(exc) else 404
            raise HTTPException(status_code=status, detail=str(exc)) from exc
        return {
            "doc_key": done.doc_key,
            "mentions": done.mentions,
            "events": done.events,
            "retired": done.retired,
        }

    return router
