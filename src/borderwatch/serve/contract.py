"""The OpenAPI document is the contract: what makes the served API answer exactly as its schema
says, whatever router a route lives in.

- Every operation behind the bearer token documents 401 (with its ``WWW-Authenticate``
  challenge) and 403, added here from the operation's declared security instead of by hand on
  each route, so a new write route cannot forget them.
- A 405 lists in ``Allow`` every method the path supports, across all routes that match it
  (Starlette's own answer names only the first route it tried: ``GET /api/alerts/x`` and
  ``DELETE /api/alerts/x`` are two routes).
- A saved search's name is matched by its own URL convertor (letters, digits, ``-``, ``_``), so
  ``/api/alerts/{name}`` never matches ``/api/alerts/x.atom``, the search's feed: the two routes
  do not overlap, and no feed path reaches the delete route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi import routing as fastapi_routing
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute

from .common import WRITE_RESPONSES

SEARCH_NAME_REGEX = "[A-Za-z0-9_-]{1,100}"


class SearchNameConvertor(Convertor[str]):
    """A saved search's name in a path: no dot, so never a feed's ``NAME.atom``."""

    regex = SEARCH_NAME_REGEX

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("search_name", SearchNameConvertor())


def _routes(app: FastAPI) -> list[BaseRoute]:
    """The app's routes as declared, each router's routes included (FastAPI keeps an included
    router as one entry of ``app.routes`` and walks it with ``iter_route_contexts``)."""
    walk = getattr(fastapi_routing, "iter_route_contexts", None)
    if walk is None:
        return list(app.routes)
    return [context.original_route for context in walk(app.routes)]


# OpenAPI links: what one answer gives the next request (a client, and schemathesis's stateful
# phase, follow them).  Each: (method, path, status) of the answer, the link's name, (method,
# path) of the next request, and its parameters as runtime expressions.
Link = tuple[tuple[str, str, str], str, tuple[str, str], dict[str, str]]
_SEARCH = {"name": "$response.body#/name"}
LINKS: tuple[Link, ...] = (
    (("post", "/api/alerts", "201"), "GetSearch", ("get", "/api/alerts/{name}"), _SEARCH),
    (("post", "/api/alerts", "201"), "GetFeed", ("get", "/api/alerts/{name}.atom"), _SEARCH),
    (("post", "/api/alerts", "201"), "DeleteSearch", ("delete", "/api/alerts/{name}"), _SEARCH),
    (
        ("get", "/api/events", "200"),
        "GetEvent",
        ("get", "/api/events/{event_id}"),
        {"event_id": "$response.body#/events/0/event_id"},
    ),
    (
        ("get", "/api/events/{event_id}", "200"),
        "FindActor",
        ("get", "/api/actors"),
        {"q": "$response.body#/actor1"},
    ),
    (
        ("get", "/api/actors", "200"),
        "GetActor",
        ("get", "/api/actors/{actor_id}"),
        {"actor_id": "$response.body#/actors/0/actor_id"},
    ),
    (
        ("get", "/api/places", "200"),
        "PlaceEvents",
        ("get", "/api/events"),
        {"place": "$response.body#/places/0/location"},
    ),
    (
        ("post", "/api/documents", "201"),
        "RetractDocument",
        ("delete", "/api/documents/{doc_key}"),
        {"doc_key": "$response.body#/doc_key"},
    ),
)


def contract_schema(app: FastAPI) -> None:
    """Serve the schema with what FastAPI cannot infer: 401 (with its challenge header) and 403
    on every operation that declares the bearer-token security, and the links in ``LINKS``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict) and operation.get("security"):
                    responses = operation.setdefault("responses", {})
                    for code, answer in WRITE_RESPONSES.items():
                        responses.setdefault(str(code), _documented(answer))
        _add_links(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_links(schema: dict[str, Any]) -> None:
    paths = schema.get("paths", {})
    for (method, path, status), name, (to_method, to_path), parameters in LINKS:
        source = paths.get(path, {}).get(method, {}).get("responses", {}).get(status)
        target = paths.get(to_path, {}).get(to_method)
        if source is None or target is None:  # a route this app does not serve
            continue
        link = {"operationId": target["operationId"], "parameters": parameters}
        source.setdefault("links", {})[name] = link


def _documented(answer: dict[str, Any]) -> dict[str, Any]:
    error = {"$ref": "#/components/schemas/Error"}
    shown: dict[str, Any] = {"description": answer["description"]}
    shown["content"] = {"application/json": {"schema": error}}
    if "headers" in answer:
        shown["headers"] = answer["headers"]
    return shown


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route of ``app`` answers at ``path``."""
    methods: set[str] = set()
    for route in _routes(app):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods.update(getattr(route, "methods", None) or ())
    return sorted(methods)


def add_method_not_allowed(app: FastAPI) -> None:
    """Answer 405 with an ``Allow`` header that lists every route's methods at the path."""

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            headers: dict[str, Any] = dict(exc.headers or {})
            headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
            exc = StarletteHTTPException(405, detail=exc.detail, headers=headers)
        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, method_not_allowed)


def _array_parameters(schema: dict[str, Any]) -> set[str]:
    """Names of the query parameters some operation declares as arrays (may repeat)."""
    names: set[str] = set()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                declared = parameter.get("schema", {})
                kinds = [declared, *declared.get("anyOf", [])]
                if parameter.get("in") == "query" and any(k.get("type") == "array" for k in kinds):
                    names.add(parameter["name"])
    return names


def refuse_repeated_parameters(app: FastAPI) -> None:
    """Answer 422 when a query parameter the schema declares as one value comes several times
    (``?q=a&q=b``): reading only the last one would quietly ignore what the client sent.
    Plain ASGI middleware (``BaseHTTPMiddleware`` cost ~1 ms of CPU per request)."""
    app.add_middleware(RepeatGuard, schema=app.openapi)


class RepeatGuard:
    """The middleware of ``refuse_repeated_parameters``."""

    def __init__(self, app: Any, schema: Callable[[], dict[str, Any]]) -> None:
        self.app = app
        self.schema = schema
        self.repeatable: set[str] | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/") and scope["query_string"]:
            refusal = self._refusal(scope["query_string"].decode("latin-1"))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, query: str) -> JSONResponse | None:
        if self.repeatable is None:
            self.repeatable = _array_parameters(self.schema())
        seen: set[str] = set()
        for name, _ in parse_qsl(query, keep_blank_values=True):
            if name in seen and name not in self.repeatable:
                detail = f"{name}: give this parameter once"
                error = {"loc": ["query", name], "msg": detail, "type": "repeated"}
                return JSONResponse({"detail": detail, "errors": [error]}, status_code=422)
            seen.add(name)
        return None
