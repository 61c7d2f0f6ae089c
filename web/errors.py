"""Errors as the client expects them: JSON for the API and feeds, a page for people.

Every error body of the API has the same shape,
``{"error": {"status": 422, "message": "...", "details": [...]}}``, with a
message naming the parameter to fix. Bad parameters are 422, never 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsmon.web.auth import NotAuthenticated, TooManyAttempts

logger = logging.getLogger(__name__)

MACHINE_PREFIXES = ("/api/", "/feeds/")


class ErrorDetail(BaseModel):
    """One problem with one parameter."""

    location: str
    name: str
    problem: str


class ErrorBody(BaseModel):
    """What went wrong, in one line, and per parameter where that applies."""

    status: int
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """Every error the API answers with."""

    error: ErrorBody


class BadParameter(Exception):
    """A parameter that passed its type check but makes no sense (422)."""

    def __init__(self, location: str, name: str, problem: str) -> None:
        super().__init__(f"{location} parameter '{name}': {problem}")
        self.detail = ErrorDetail(location=location, name=name, problem=problem)


REPEATABLE = frozenset({"certainty"})
"""Query parameters that may be given more than once; the others take one value."""


def single_values(request: Request) -> None:
    """FastAPI dependency: refuse a parameter given twice where one value is expected.

    FastAPI would silently take the last one; ``?q=a&q=b`` is more likely a
    mistake than a wish for ``b``.
    """
    seen: set[str] = set()
    for key, _value in request.query_params.multi_items():
        if key in seen and key not in REPEATABLE:
            raise BadParameter("query", key, "is given more than once; give one value")
        seen.add(key)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No valid API token was given."},
    429: {
        "model": ErrorResponse,
        "description": "Too many wrong tokens from this address: wait Retry-After seconds.",
    },
    422: {"model": ErrorResponse, "description": "A parameter is malformed or out of range."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Nothing is stored under that name or id."},
}


def wants_json(request: Request) -> bool:
    """Return whether the client is a program (API or feed) rather than a person."""
    return request.url.path.startswith(MACHINE_PREFIXES) or request.url.path == "/api/v1"


def json_error(
    status: int,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Return the API's error body."""
    body = ErrorResponse(error=ErrorBody(status=status, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[ErrorDetail]:
    details = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "request"
        name = loc[1] if len(loc) > 1 else location
        problem = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        rest = loc[2:]
        if rest:
            where = f"item {int(rest[0]) + 1}" if rest[0].isdigit() else ".".join(rest)
            problem = f"{where}: {problem}"
        given = error.get("input")
        if isinstance(given, str | int | float) and error.get("type") != "missing":
            shown = str(given)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            problem = f"{problem} (got {shown!r})"
        details.append(ErrorDetail(location=location, name=name, problem=problem))
    return details


def install_error_handlers(app: FastAPI, render_page: Any) -> None:
    """Answer errors in JSON on the API and feeds, and with a page elsewhere.

    ``render_page(request, status, message)`` renders the page for people.
    """

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else None
        message = (
            f"{first.location} parameter '{first.name}': {first.problem}"
            if first
            else "the request is not valid"
        )
        if wants_json(request):
            return json_error(422, message, details)
        return render_page(request, 422, message)  # type: ignore[no-any-return]

    @app.exception_handler(BadParameter)
    async def _bad(request: Request, exc: BadParameter) -> Response:
        if wants_json(request):
            return json_error(422, str(exc), [exc.detail])
        return render_page(request, 422, str(exc))  # type: ignore[no-any-return]

    @app.exception_handler(NotAuthenticated)
    async def _unauthenticated(request: Request, exc: NotAuthenticated) -> Response:
        if wants_json(request):
            return json_error(401, exc.message, headers={"WWW-Authenticate": "Bearer"})
        return render_page(request, 401, exc.message)  # type: ignore[no-any-return]

    @app.exception_handler(TooManyAttempts)
    async def _throttled(request: Request, exc: TooManyAttempts) -> Response:
        headers = {"Retry-After": str(exc.retry_after)}
        if wants_json(request):
            return json_error(429, exc.message, headers=headers)
        response: Response = render_page(request, 429, exc.message)
        response.headers.update(headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing here: {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        if wants_json(request):
            headers = dict(exc.headers) if exc.headers else None
            return json_error(exc.status_code, message, headers=headers)
        return render_page(request, exc.status_code, message)  # type: ignore[no-any-return]

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path)
        message = "internal error; the server log has the details"
        if wants_json(request):
            return json_error(500, message)
        return render_page(request, 500, message)  # type: ignore[no-any-return]
