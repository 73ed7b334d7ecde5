"""Recording audit entries. Every service that changes something is `@audited`; reads of residents'
personal data call `record_read`.

A service records its own entry with `record(...)` when it has a meaningful target and before/after; if it
records nothing, `@audited` records one for it from its name, its actor and first model argument, so no
write goes unrecorded. `tests/audit/` checks that each write service is `@audited` and records its action.

Entries never hold what residents wrote or their contact details: those are removed from cases after their
own retention time, while the audit log is kept longer (AUDIT_RETENTION_DAYS). Entries point at the case
and its event instead.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models

from framsteg.audit import context
from framsteg.audit.models import AuditEntry
from framsteg.core.access import access_for

F = TypeVar("F", bound=Callable[..., Any])

# The parameters that name who acts, in the order they are looked for. "by" comes before "user" because a
# service such as `assign(case, user, by)` takes the person acted on as `user`.
ACTOR_PARAMETERS = ("by", "actor", "user")


class _Nobody:
    """An actor that is no account: a resident without one, or the system. Never the request's user."""

    is_authenticated = False

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = _Nobody()


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
    details: dict | None = None,
    kind: str = AuditEntry.Kind.CHANGE,
    with_origin: bool = True,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
) -> AuditEntry:
    """Record that `actor` (default: the request's user; `NOBODY` for no account) did `action` to `target`.

    `before` and `after` are what changed; `details` anything else worth keeping (e.g. the case event).
    `with_origin=False` keeps no IP address or browser: for residents, whose data has a shorter retention.
    """
    origin = context.current()
    if actor is None:
        actor = origin.user
    if actor is NOBODY:
        actor = None
    user = actor if getattr(actor, "is_authenticated", False) else None
    changes = {}
    if before is not None:
        changes["before"] = _plain(before)
    if after is not None:
        changes["after"] = _plain(after)
    if details:
        changes["details"] = _plain(details)
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
        ip_address=origin.ip_address if with_origin else None,
        user_agent=origin.user_agent if with_origin else "",
    )
    counter = context.recorded.get()
    if counter is not None:
        counter[0] = max(counter[0], 0) + 1
    return entry


def record_read(action: str, *, target: models.Model | None = None, actor=None, **kwargs) -> AuditEntry:
    """Record that someone read residents' personal data (a case with contact details, an export)."""
    return record(action, target=target, actor=actor, kind=AuditEntry.Kind.READ, **kwargs)


def nothing_changed() -> None:
    """Say that the running audited service changed nothing this time (a dry run, an unchanged import), so
    that `@audited` records no entry for it."""
    counter = context.recorded.get()
    if counter is not None and counter[0] == 0:
        counter[0] = -1


def _actor_and_target(signature: inspect.Signature, args: tuple, kwargs: dict):
    """Who acts and on what, from the call: a parameter named by, actor or user (positional or not), and
    the first model instance among the other arguments."""
    arguments = signature.bind_partial(*args, **kwargs).arguments
    actor = next((arguments[name] for name in ACTOR_PARAMETERS if arguments.get(name) is not None), None)
    target = next(
        (value for value in arguments.values() if isinstance(value, models.Model) and value is not actor),
        None,
    )
    return actor, target


def audited(action: str) -> Callable[[F], F]:
    """Mark a service that changes something; record an entry for it if its body recorded none.

    The entry names the acting user from a parameter called `by`, `actor` or `user` (else the request's
    user) and the first model instance among the arguments as its object. A service that records its own
    entries, with a meaningful before and after, or calls `nothing_changed()`, gets none from here.
    """

    def decorate(function: F) -> F:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            counter = [0]
            token = context.recorded.set(counter)
            try:
                result = function(*args, **kwargs)
            finally:
                context.recorded.reset(token)
            if counter[0] == 0:
                actor, target = _actor_and_target(signature, args, kwargs)
                record(action, target=target, actor=actor)
                counter[0] = 1
            outer = context.recorded.get()
            if outer is not None:
                if counter[0] > 0:
                    outer[0] = max(outer[0], 0) + counter[0]
                elif outer[0] == 0:
                    outer[0] = -1  # the inner service changed nothing, so neither did this call
            return result

        wrapper.__audited__ = action  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
