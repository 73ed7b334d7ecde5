"""Password rules on top of Django's: a bundled list of passwords common in Sweden."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords-sv.txt"
_TRAILING = re.compile(r"[\W\d_]+$")
_LEADING = re.compile(r"^[\W_]+")


def normalise(password: str) -> str:
    """Lower case, accents folded (å→a, ö→o), spaces removed, digits and signs at the end stripped."""
    folded = unicodedata.normalize("NFKD", password.casefold())
    folded = "".join(character for character in folded if not unicodedata.combining(character))
    folded = re.sub(r"[\s\-]+", "", folded)
    stripped = _LEADING.sub("", _TRAILING.sub("", folded))
    return stripped or folded


@functools.cache
def common_passwords(path: Path = COMMON_PASSWORDS) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalise(line))
            words.add(line.casefold())
    return frozenset(words)


def is_common(password: str, words: frozenset[str] | None = None) -> bool:
    words = words if words is not None else common_passwords()
    if password.casefold() in words:
        return True
    core = normalise(password)
    if core in words:
        return True
    # The same common word said twice or more: "hejhejhej", "sommarsommar".
    return any(
        len(core) % times == 0
        and core[: len(core) // times] * times == core
        and core[: len(core) // times] in words
        for times in range(2, 5)
    )


class CommonSwedishPasswordValidator:
    """Refuses passwords on the bundled list, whatever their case and whatever digits or signs follow."""

    def __init__(self, password_list_path: str | Path | None = None):
        self.path = Path(password_list_path) if password_list_path else COMMON_PASSWORDS

    def validate(self, password: str, user=None) -> None:
        if is_common(password, common_passwords(self.path)):
            raise ValidationError(
                _(
                    "This password is too common: it is a word, name or place many people use, even with "
                    "digits added. Choose a longer phrase of your own, for example a few unrelated words."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common word, name or place, not even with digits added.")
