"""API keys for Open311 clients that post reports.

A key reads ``fs_<prefix>_<secret>``; how keys are made, hashed and checked is `framsteg.core.apikeys`.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.core import apikeys
from framsteg.dialogue.models import ApiKey

# Public functions here that only read or compute; every other public function is @audited.
READS = ("verify_key", "find_key")


logger = logging.getLogger(__name__)

KEY_START = "fs_"
CREATE_ATTEMPTS = 5


def _prefix_of(plaintext: str) -> str | None:
    return apikeys.prefix_of(plaintext, KEY_START)


@audited("dialogue.create_api_key")
def create_key(name: str, user=None) -> tuple[ApiKey, str]:
    """Create a key for a client; returns the saved key and the plaintext, which is never stored."""
    for _attempt in range(CREATE_ATTEMPTS):
        prefix, plaintext = apikeys.new_key(KEY_START)
        try:
            with transaction.atomic():
                key = ApiKey.objects.create(
                    name=name, prefix=prefix, key_hash=apikeys.key_hash(plaintext), created_by=user
                )
        except IntegrityError:
            continue  # the prefix is taken; draw another
        logger.info("Open311 API key %s (%s) created by %s", prefix, name, user or "the command line")
        record("dialogue.create_api_key", target=key, actor=user, after={"name": name, "prefix": prefix})
        return key, plaintext
    raise RuntimeError("Could not find a free API key prefix.")


def verify_key(plaintext: str) -> ApiKey | None:
    """The key that `plaintext` is, or None when it is malformed, unknown or revoked."""
    prefix = _prefix_of(plaintext or "")
    if prefix is None:
        return None
    key = ApiKey.objects.filter(prefix=prefix).first()
    if key is None or not apikeys.matches(key.key_hash, plaintext):
        return None
    if key.revoked_at is not None:
        return None
    return key


def find_key(prefix_or_key: str) -> ApiKey | None:
    """A key by its prefix, written with or without ``fs_``, or by the whole key."""
    text = prefix_or_key.strip()
    prefix = _prefix_of(text) or text.removeprefix(KEY_START)
    return ApiKey.objects.filter(prefix=prefix).first()


@audited("dialogue.revoke_api_key")
def revoke_key(key: ApiKey, user=None) -> None:
    """Stop a key from working at once; the row stays, so the cases it posted still name their client."""
    if key.revoked_at is not None:
        nothing_changed()
        return
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    record(
        "dialogue.revoke_api_key",
        target=key,
        actor=user,
        before={"revoked_at": None},
        after={"revoked_at": key.revoked_at.isoformat()},
    )
    logger.info("Open311 API key %s (%s) revoked by %s", key.prefix, key.name, user or "the command line")
