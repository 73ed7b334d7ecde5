"""Page-number paging for every list: ``?page=2&page_size=100`` (50 by default, at most 500)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# A page beyond this is refused: its offset would no longer fit the database's integers.
MAX_PAGE = 2**31 - 1


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1–{MAX_PAGE_SIZE}."
    )


class Page(Schema):
    count: int = Field(description="Items on all pages together.")
    next: str | None = Field(description="Address of the next page; null on the last.")
    previous: str | None = Field(description="Address of the previous page; null on the first.")
    items: list[Any]


class ShapedPagination(PageNumberPagination):
    """Slices the view's queryset, then turns only that page into export shapes with `shape`."""

    Input = PageQuery
    Output = Page

    def __init__(self, *, shape: Callable[[QuerySet], list[dict[str, Any]]], **kwargs: Any) -> None:
        self.shape = shape
        super().__init__(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: PageQuery, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = queryset.count()
        offset = (pagination.page - 1) * pagination.page_size
        page = queryset[offset : offset + pagination.page_size]
        last_page = max(1, -(-count // pagination.page_size))
        previous = min(pagination.page - 1, last_page)
        return {
            "count": count,
            "next": page_link(request, pagination.page + 1) if pagination.page < last_page else None,
            "previous": page_link(request, previous) if pagination.page > 1 else None,
            "items": self.shape(page) if offset < count else [],
        }


def page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
