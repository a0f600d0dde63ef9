"""What every router of the API shares: the error model, the bearer-token check of writes and a
JSON response written without validation (for large, already-shaped answers), and the shapes
the routers repeat: the credentials of a write, a 404, and a store error mapped to its status."""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Annotated, Any, NoReturn

from fastapi import Depends, HTTPException, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel


class Error(BaseModel):
    detail: str
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (422, "Invalid parameters"))
}
# What a write (behind the bearer token) may answer besides its own codes: 401 with a
# WWW-Authenticate challenge when no credentials came, 403 when they are wrong or writes are off.
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {
        "model": Error,
        "description": "No credentials: send Authorization: Bearer <api_token>",
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "example": "Bearer"}},
    },
    403: {"model": Error, "description": "Wrong token, or writes are off (no api_token set)"},
}
bearer = HTTPBearer(auto_error=False, description="The server's api_token setting")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
Authorise = Callable[[str | None, HTTPAuthorizationCredentials | None], None]


def json_response(body: dict[str, Any]) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")


def authorise(token: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Let a write through only with the server's api_token as a bearer token."""
    if not token:
        raise HTTPException(
            status_code=403,
            detail="document submission is off: the server has no api_token setting",
        )
    if credentials is None:
        raise HTTPException(
            status_code=401,
            detail="send Authorization: Bearer <api_token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(status_code=403, detail="wrong api token")


def not_found(what: str) -> NoReturn:
    """Answer 404: there is no ``what`` (e.g. "event 'x'")."""
    raise HTTPException(status_code=404, detail=f"no {what}")


def refused(exc: Exception, conflict_word: str, otherwise: int) -> NoReturn:
    """Answer a store's refusal: 409 when its message says ``conflict_word`` (it exists, it was
    already done), else ``otherwise``; the message is the detail."""
    status = 409 if conflict_word in str(exc) else otherwise
    raise HTTPException(status_code=status, detail=str(exc)) from exc
