"""The constraints the API's parameters are held to, so that the OpenAPI document states what is enforced."""

from __future__ import annotations

from typing import Any

# Ids are PostgreSQL bigints: a larger number can name nothing and is refused before the database sees it.
MAX_ID = 2**63 - 1

# What a slug field holds (django.core.validators.validate_slug).
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

# Every text the API takes excludes the control characters the site refuses with a 400 before any view
# (framsteg.core.middleware.InvalidCharactersMiddleware); tab, line feed and carriage return are allowed.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$"

ID: dict[str, Any] = {"ge": 1, "le": MAX_ID}
SLUG: dict[str, Any] = {"pattern": SLUG_PATTERN, "max_length": 200}
