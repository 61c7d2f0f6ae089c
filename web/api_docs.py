"""The API reference at ``/docs``, rendered on the server from the OpenAPI schema.

Swagger UI and ReDoc load their scripts from a CDN, which the page's
Content-Security-Policy (and a machine without internet access) would refuse;
this page needs nothing but the schema the app already serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parameter:
    """One query or path parameter of an operation."""

    name: str
    location: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    """One method on one path, as a reader of the reference needs it."""

    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """A stable fragment id for linking to this operation."""
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "")


def _kind(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if "anyOf" in schema:
        kinds = [_kind(part) for part in schema["anyOf"] if part.get("type") != "null"]
        return " | ".join(kinds) or "any"
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"list of {_kind(schema.get('items', {}))}"
    return kind


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    found = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, operation in methods.items():
            parameters = [
                Parameter(
                    name=p["name"],
                    location=p.get("in", "query"),
                    required=bool(p.get("required")),
                    kind=_kind(p.get("schema", {})),
                    description=p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in operation.get("parameters", [])
            ]
            responses = [
                (str(code), str(answer.get("description", "")))
                for code, answer in sorted(operation.get("responses", {}).items())
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    responses=responses,
                )
            )
    return found
