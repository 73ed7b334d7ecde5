"""Idempotency keys: a report sent again with the same key returns the first report instead of a second.

A client that gets no answer (a dropped connection, a worker that died after saving, a 503) cannot know
whether its report was registered. Sending it again with the same key is safe: the first case is returned.
Open311 clients send the key in the `Idempotency-Key` header (after the IETF draft "The Idempotency-Key HTTP
Header Field"), scoped per API key; the residents' web form carries a one-time token per form shown.

- The key is claimed inside the transaction that registers the case (`submit_case(..., idempotency=...)`),
  and stored with the case in that same transaction: a key is stored exactly when its case is.
- The same key with different content is refused (`KeyReused`, HTTP 422).
- While the first request with a key is still being handled, another with the same key is refused
  (`KeyInFlight`, HTTP 409): on PostgreSQL a transaction-level advisory lock on the key, which the database
  releases when the transaction ends, also when the process handling it dies; elsewhere (SQLite, which
  writes one transaction at a time) the unique constraint catches the rare race.
- Keys are kept DIALOGUE_IDEMPOTENCY_HOURS, then removed by `remove_expired_keys`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.dialogue.models import Case, IdempotencyKey

# Public functions here that only read or compute; every other public function is @audited.
READS = ("fingerprint", "new_token", "valid_key", "earlier_case", "cutoff")

# The draft leaves the key's form to the server; this is long enough for a UUID or a ULID with a prefix.
KEY_MAX_LENGTH = 255
WEB = "web"


@dataclass(frozen=True)
class Idempotency:
    """A key as one request sent it: who (scope), the key, and a hash of what was sent."""

    scope: str
    key: str
    fingerprint: str


class IdempotencyError(Exception):
    """A key that cannot be used now; `status` is the HTTP status to answer, `message` is translated."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KeyInFlight(IdempotencyError):
    status = 409


class KeyReused(IdempotencyError):
    status = 422


def fingerprint(fields: dict[str, list[str]] | list[tuple[str, str]]) -> str:
    """A hash of what was sent, independent of the order of the fields (and of the key itself)."""
    pairs = fields.items() if isinstance(fields, dict) else fields
    normalised = sorted(
        (name, sorted(values) if isinstance(values, list) else [values]) for name, values in pairs
    )
    return hashlib.sha256(json.dumps(normalised, ensure_ascii=False).encode()).hexdigest()


def new_token() -> str:
    """A one-time token for a web form: random, as hard to guess as the follow links."""
    return secrets.token_urlsafe(24)


def valid_key(key: str) -> bool:
    """Whether a client's key can be used: 1–255 visible ASCII characters (a header value, no spaces)."""
    return 0 < len(key) <= KEY_MAX_LENGTH and all("!" <= character <= "~" for character in key)


def cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(hours=settings.DIALOGUE_IDEMPOTENCY_HOURS)


def _lock(idempotency: Idempotency) -> None:
    """Take the key for the rest of the transaction, or raise KeyInFlight if another transaction has it."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(hashtext(%s), hashtext(%s))",
            [f"framsteg.dialogue.idempotency:{idempotency.scope}", idempotency.key],
        )
        (taken,) = cursor.fetchone()
    if not taken:
        raise KeyInFlight(_("A request with this Idempotency-Key is still being handled. Try again shortly."))


def earlier_case(idempotency: Idempotency) -> Case | None:
    """The case registered earlier with this key, if any.

    Called inside the registering transaction: takes the key (KeyInFlight if it is taken) and refuses a key
    sent earlier with other content (KeyReused). An expired key counts as unused.
    """
    _lock(idempotency)
    earlier = (
        IdempotencyKey.objects.select_related("case")
        .filter(scope=idempotency.scope, key=idempotency.key, created_at__gt=cutoff())
        .first()
    )
    if earlier is None:
        return None
    if earlier.fingerprint != idempotency.fingerprint:
        raise KeyReused(_("This Idempotency-Key was used for a different request. Use a new key."))
    return earlier.case


@audited("dialogue.idempotency_key")
def remember(idempotency: Idempotency, case: Case) -> None:
    """Store the key with its case, in the transaction that registers the case."""
    # A key that expired but was not yet removed gives way to the new use.
    IdempotencyKey.objects.filter(
        scope=idempotency.scope, key=idempotency.key, created_at__lte=cutoff()
    ).delete()
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(
                scope=idempotency.scope,
                key=idempotency.key,
                fingerprint=idempotency.fingerprint,
                case=case,
            )
    except IntegrityError:
        # Another transaction stored the same key meanwhile (only possible without the advisory lock).
        raise KeyInFlight(
            _("A request with this Idempotency-Key is still being handled. Try again shortly.")
        ) from None
    # Part of registering the case, which records it; the key itself is not an event worth an entry.
    nothing_changed()


@audited("dialogue.remove_expired_idempotency_keys")
def remove_expired_keys(now: datetime | None = None) -> int:
    """Remove keys older than DIALOGUE_IDEMPOTENCY_HOURS; return how many."""
    removed, _by_model = IdempotencyKey.objects.filter(created_at__lte=cutoff(now)).delete()
    if removed:
        record(
            "dialogue.remove_expired_idempotency_keys",
            actor=NOBODY,
            after={"removed": removed, "cutoff": cutoff(now).isoformat()},
            with_origin=False,
        )
    else:
        nothing_changed()
    return removed
