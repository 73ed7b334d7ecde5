"""The site's menus, filled by the apps: each registers its items when Django starts.

core draws the frame and knows no app: the main menu, the footer links and the staff menu are lists that
`AppConfig.ready` of each app extends, staff items with the rule that decides who sees them. A staff item
is shown only to those its rule allows, and the page behind it asks the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


def _everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class MenuItem:
    key: str  # compared with the page's `nav` (main menu) or `current` (staff menu) to mark the current page
    label: str
    url_name: str
    order: int = 100
    allowed: Callable[[object], bool] = _everyone


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str


MAIN: list[MenuItem] = []
FOOTER: list[MenuItem] = []
STAFF: list[MenuItem] = []


def _register(menu: list[MenuItem], item: MenuItem) -> None:
    menu[:] = [existing for existing in menu if existing.key != item.key]
    menu.append(item)
    menu.sort(key=lambda entry: (entry.order, entry.key))


def register_main(item: MenuItem) -> None:
    _register(MAIN, item)


def register_footer(item: MenuItem) -> None:
    _register(FOOTER, item)


def register_staff(item: MenuItem) -> None:
    _register(STAFF, item)


def links(menu: list[MenuItem], user) -> list[Link]:
    return [Link(item.key, item.label, reverse(item.url_name)) for item in menu if item.allowed(user)]
