"""Pages of results: what a list query takes (page, size, sort) and gives back."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

MAX_PER_PAGE = 200


class PageParams(BaseModel):
    page: int = 1
    per_page: int = 50
    sort: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
