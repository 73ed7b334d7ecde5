"""Recording audit entries. Every service that changes something is `@audited`; reads of residents'
personal data call `record_read`.

A service records its own entry with `record(...)` when it has a meaningful target and before/after; if it
records nothing, `@audited` records one for it from its name and first argument, so no write goes
unrecorded. The test `tests/test_audit_services.py` walks every app's services and fails on one that is not
`@audited`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models

from framsteg.audit import context
from framsteg.audit.models import AuditEntry
from framsteg.core.access import access_for

F = TypeVar("F", bound=Callable[..., Any])


def _plain(value):
    """A JSON-safe copy of a before/after value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)[:200]}
    return str(value)


def _describe(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    try:
        return access_for(user).describe()
    except RuntimeError:
        return ""


def record(
    action: str,
    *,
    target: models.Model | None = None,
    actor=None,
    before: Any = None,
    after: Any = None,
    kind: str = AuditEntry.Kind.CHANGE,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
) -> AuditEntry:
    """Record that `actor` (default: the request's user) did `action` to `target`."""
    origin = context.current()
    if actor is None:
        actor = origin.user
    user = actor if getattr(actor, "is_authenticated", False) else None
    changes = {}
    if before is not None:
        changes["before"] = _plain(before)
    if after is not None:
        changes["after"] = _plain(after)
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)
    entry = AuditEntry.objects.create(
        kind=kind,
        action=action,
        user=user,
        username=user.get_username() if user is not None else "",
        roles=_describe(user),
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:300],
        changes=changes,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
    )
    counter = context.recorded.get()
    if counter is not None:
        counter[0] += 1
    return entry


def record_read(action: str, *, target: models.Model | None = None, actor=None, **kwargs) -> AuditEntry:
    """Record that someone read residents' personal data (a case with contact details, an export)."""
    return record(action, target=target, actor=actor, kind=AuditEntry.Kind.READ, **kwargs)


def audited(action: str) -> Callable[[F], F]:
    """Mark a service that changes something; record an entry for it if its body recorded none."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            counter = [0]
            token = context.recorded.set(counter)
            try:
                result = function(*args, **kwargs)
            finally:
                context.recorded.reset(token)
            if counter[0] == 0:
                target = next((arg for arg in args if isinstance(arg, models.Model)), None)
                actor = kwargs.get("by") or kwargs.get("user") or kwargs.get("actor")
                record(action, target=target, actor=actor)
            outer = context.recorded.get()
            if outer is not None:
                outer[0] += max(counter[0], 1)
            return result

        wrapper.__audited__ = action  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
