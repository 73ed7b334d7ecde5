"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language


class MarkedLanguageSelect(forms.Select):
    """A select whose options from the database, written only in Swedish, say so with `lang="sv"`.

    `swedish` is "all" (every option but the empty one) or a set of option values; on pages in Swedish nothing
    is marked.
    """

    def __init__(self, *args, swedish="all", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.swedish = swedish

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = "" if value is None else str(value)
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if key and language != "sv" and (self.swedish == "all" or key in self.swedish):
            option["attrs"] = {**option["attrs"], "lang": "sv"}
        return option
