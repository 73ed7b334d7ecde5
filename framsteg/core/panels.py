"""Panels that a higher app adds to a lower app's page, without the lower app knowing it.

The plan's area and commitment pages show what the indicators say about them, but steering sits below
indicators and must not import it. A page names a slot ("steering.commitment"); apps register providers
for it when Django starts; the page renders whatever the providers return.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

Provider = Callable[..., SafeString | str | None]

_providers: dict[str, list[Provider]] = {}


def register(slot: str, provider: Provider) -> None:
    if provider not in _providers.setdefault(slot, []):
        _providers[slot].append(provider)


def render(slot: str, request, **context) -> list[SafeString]:
    """The slot's panels, as HTML, in the order the providers were registered."""
    rendered = []
    for provider in _providers.get(slot, []):
        html = provider(request, **context)
        if html:
            rendered.append(html)
    return rendered
