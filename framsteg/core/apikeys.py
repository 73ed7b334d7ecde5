"""Random API keys for systems: generated, hashed and checked the same way wherever they are used.

A key reads ``<start><prefix>_<secret>``: the start says which kind of key it is (``fs_`` for Open311
clients, ``fsp_`` for partners' systems), the prefix (8 hex characters) names the key in lists and logs and
finds its row, and the secret is 32 random bytes. Only the SHA-256 of the whole key is stored. A salted,
slow hash is not needed because the key is random and long, not a password a person chose; the comparison
takes constant time so the hash cannot be guessed byte by byte.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX_BYTES = 4  # 8 hex characters
SECRET_BYTES = 32


def key_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def new_key(start: str) -> tuple[str, str]:
    """A fresh (prefix, plaintext) pair; the caller stores the prefix and `key_hash(plaintext)`."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return prefix, f"{start}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


def prefix_of(plaintext: str, start: str) -> str | None:
    """The prefix of a well-formed key of this kind, else None."""
    if not plaintext.startswith(start):
        return None
    prefix, separator, secret = plaintext[len(start) :].partition("_")
    if not separator or not secret or len(prefix) != PREFIX_BYTES * 2:
        return None
    return prefix


def matches(stored_hash: str, plaintext: str) -> bool:
    return hmac.compare_digest(stored_hash, key_hash(plaintext))
