"""Query parameters read into a pydantic model directly, for the busiest list routes.

FastAPI can read a whole model from the query string (``Annotated[Model, Query()]``), but it
re-inspects every field's annotation on each request, which costs more than the database
query of a ticket list. :func:`read_query` validates ``request.query_params`` with the model
in one call and reports errors exactly as FastAPI does (422, ``loc`` starting with
``query``); :func:`query_parameters` documents the same fields in the OpenAPI schema.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return typing.get_origin(annotation) in (list, tuple, set, frozenset)


@cache
def _list_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields that take repeated keys (``?status=new&status=open``)."""
    return frozenset(n for n, f in model.model_fields.items() if _is_list(f.annotation))


def read_query(model: type[M], request: Request) -> M:
    """``model`` validated from the request's query string (repeated keys fill lists)."""
    params = request.query_params
    lists = _list_fields(model)
    data: dict[str, Any] = {}
    for name in params:
        if name in model.model_fields:
            data[name] = params.getlist(name) if name in lists else params[name]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [
            {**error, "loc": ("query", *error["loc"])}
            for error in exc.errors(include_url=False, include_context=False)
        ]
        raise RequestValidationError(errors) from None


def query_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """OpenAPI ``parameters`` of the model's fields (for a route's ``openapi_extra``)."""
    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    required = set(schema.get("required", []))
    parameters = []
    for name, field_schema in schema["properties"].items():
        field_schema = _inline(field_schema, definitions)
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": field_schema,
        }
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return {"parameters": parameters}


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """``node`` with each ``$ref`` to the model's own definitions replaced by its content."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return _inline(definitions[ref.removeprefix("#/$defs/")], definitions)
        return {key: _inline(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    return node
