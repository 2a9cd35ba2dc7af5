"""Query parameters of every list endpoint: page, per_page and sort."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from floorlead.paging import MAX_PER_PAGE, Page, PageParams


async def page_params(
    page: Annotated[int, Query(ge=1, description="1-based page number")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="rows per page")] = 50,
    sort: Annotated[
        str | None, Query(description="column to sort by; prefix with - for descending")
    ] = None,
) -> PageParams:
    return PageParams(page=page, per_page=per_page, sort=sort)


PageDep = Annotated[PageParams, Depends(page_params)]

__all__ = ["MAX_PER_PAGE", "Page", "PageDep", "PageParams", "page_params"]
