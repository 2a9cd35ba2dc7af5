"""JSON responses written in one step, for the busiest endpoints.

A route declares its ``response_model`` for the OpenAPI schema and returns one of these,
so FastAPI neither validates nor re-encodes what is already shaped to that model: plain rows
or JSON text from a list query, or a model the route has just validated. Datetimes are
written as pydantic writes them (RFC 3339, ``Z`` for UTC).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response
from pydantic import BaseModel

from floorlead.paging import PageParams

JSON = "application/json"


def json_response(content: Any, status_code: int = 200) -> Response:
    body = orjson.dumps(content, option=orjson.OPT_UTC_Z)
    return Response(body, status_code=status_code, media_type=JSON)


def model_response(model: BaseModel, status_code: int = 200) -> Response:
    """A validated model written by pydantic in one step (the route declares it as its
    ``response_model``, so FastAPI would only validate and encode it again)."""
    return Response(model.model_dump_json(), status_code=status_code, media_type=JSON)


def json_page_response(items_json: str, total: int, page: PageParams) -> Response:
    """A page whose items are already JSON text (an array), written into the body as is."""
    items = orjson.Fragment(items_json)
    return json_response(
        {"items": items, "total": total, "page": page.page, "per_page": page.per_page}
    )
