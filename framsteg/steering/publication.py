"""What the plan makes public, for apps above steering to act on (following e-mails those who follow).

Steering calls `published(...)` inside the transaction that makes something public: a status update that
needs no review as it is written, a draft when a coordinator approves it, and a goal's judgement when it is
approved. Listeners registered by higher apps when Django starts run in that same transaction, so what they
write (an outbox row) is committed with the publication or not at all; they send nothing before the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from framsteg.steering.models import Area, Commitment

STATUS = "status"
JUDGEMENT = "judgement"


@dataclass(frozen=True)
class Publication:
    """`kind` is STATUS (`item` a StatusUpdate, `commitment` its commitment) or JUDGEMENT (`item` the
    judgement, `area` the goal it judges)."""

    kind: str
    item: models.Model
    commitment: Commitment | None = None
    area: Area | None = None


Listener = Callable[[Publication], None]
_listeners: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def published(publication: Publication) -> None:
    """Tell every listener, in the caller's transaction."""
    for listener in _listeners:
        listener(publication)
