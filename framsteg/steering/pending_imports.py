"""Uploaded files waiting between an import's preview and its confirmation.

They are kept under ``VAR_DIR/pending-imports`` (outside the public media folder and out of the session),
named by the uploader's id and a random token, and deleted on confirmation or after a day.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "pending-imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(user, token: str) -> Path:
    if not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("A pending-import token has only letters, digits, - and _.")
    return folder() / f"{user.pk}-{token}"


def store(user, data: bytes) -> str:
    token = secrets.token_urlsafe(24)
    path = _path(user, token)
    path.write_bytes(data)
    path.chmod(0o600)
    return token


def load(user, token: str) -> bytes | None:
    """The stored bytes, or None when they were never stored, were confirmed already, or are too old."""
    path = _path(user, token)
    try:
        if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:
            path.unlink(missing_ok=True)
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None


def discard(user, token: str) -> None:
    _path(user, token).unlink(missing_ok=True)


def remove_stale() -> int:
    """Delete every pending file older than a day, whoever uploaded it; return how many went."""
    removed = 0
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
