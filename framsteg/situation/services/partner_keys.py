"""API keys for partners' systems: a key reports incidents in one organisation's name and reads back that
organisation's reports. Keys read ``fsp_<prefix>_<secret>`` (made and checked by `framsteg.core.apikeys`);
coordinators create and revoke them, and every use is recorded in the audit log.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.core import apikeys
from framsteg.organisations.models import Organisation
from framsteg.situation.models import PartnerApiKey

# Public functions here that only read or compute; every other public function is @audited.
READS = ("verify_key", "find_key")

logger = logging.getLogger(__name__)

KEY_START = "fsp_"
CREATE_ATTEMPTS = 5


@audited("situation.create_partner_api_key")
def create_key(organisation: Organisation, name: str, user=None) -> tuple[PartnerApiKey, str]:
    """Create a key for a partner's system; returns the saved key and the plaintext, which is never stored."""
    for _attempt in range(CREATE_ATTEMPTS):
        prefix, plaintext = apikeys.new_key(KEY_START)
        try:
            with transaction.atomic():
                key = PartnerApiKey.objects.create(
                    organisation=organisation,
                    name=name,
                    prefix=prefix,
                    key_hash=apikeys.key_hash(plaintext),
                    created_by=user,
                )
        except IntegrityError:
            continue  # the prefix is taken; draw another
        logger.info("Partner API key %s (%s, %s) created", prefix, organisation.slug, name)
        after = {"organisation": organisation.slug, "name": name, "prefix": prefix}
        record("situation.create_partner_api_key", target=key, actor=user, after=after)
        return key, plaintext
    raise RuntimeError("Could not find a free API key prefix.")


def verify_key(plaintext: str) -> PartnerApiKey | None:
    """The key that `plaintext` is, or None when it is malformed, unknown or revoked."""
    prefix = apikeys.prefix_of(plaintext or "", KEY_START)
    if prefix is None:
        return None
    key = PartnerApiKey.objects.select_related("organisation").filter(prefix=prefix).first()
    if key is None or not apikeys.matches(key.key_hash, plaintext):
        return None
    if key.revoked_at is not None:
        return None
    return key


def find_key(prefix_or_key: str) -> PartnerApiKey | None:
    """A key by its prefix, written with or without ``fsp_``, or by the whole key."""
    text = prefix_or_key.strip()
    prefix = apikeys.prefix_of(text, KEY_START) or text.removeprefix(KEY_START)
    return PartnerApiKey.objects.filter(prefix=prefix).first()


@audited("situation.use_partner_api_key")
def record_use(key: PartnerApiKey, operation: str) -> None:
    """Note that the key was used (its last use, and an audit entry naming the operation)."""
    now = timezone.now()
    PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.last_used_at = now
    record(
        "situation.use_partner_api_key",
        target=key,
        details={"organisation": key.organisation.slug, "operation": operation},
    )


@audited("situation.revoke_partner_api_key")
def revoke_key(key: PartnerApiKey, user=None) -> None:
    """Stop a key from working at once; the row stays, so what it reported still names it in the log."""
    if key.revoked_at is not None:
        nothing_changed()
        return
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    record(
        "situation.revoke_partner_api_key",
        target=key,
        actor=user,
        before={"revoked_at": None},
        after={"revoked_at": key.revoked_at.isoformat()},
    )
    logger.info("Partner API key %s (%s) revoked", key.prefix, key.name)
