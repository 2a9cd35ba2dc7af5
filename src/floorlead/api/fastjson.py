"""JSON responses written straight from plain rows, for the busiest list endpoints.

A route declares its ``response_model`` for the OpenAPI schema and returns one of these,
so FastAPI neither validates nor re-encodes rows the query already shaped to that model.
Datetimes are written as pydantic writes them (RFC 3339, ``Z`` for UTC).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response

from floorlead.paging import PageParams


def json_response(content: Any, status_code: int = 200) -> Response:
    body = orjson.dumps(content, option=orjson.OPT_UTC_Z)
    return Response(body, status_code=status_code, media_type="application/json")


def page_response(rows: list[dict[str, Any]], total: int, page: PageParams) -> Response:
    return json_response(
        {"items": rows, "total": total, "page": page.page, "per_page": page.per_page}
    )


def json_page_response(items_json: str, total: int, page: PageParams) -> Response:
    """A page whose items are already JSON text (an array), written into the body as is."""
    items = orjson.Fragment(items_json)
    return json_response(
        {"items": items, "total": total, "page": page.page, "per_page": page.per_page}
    )
