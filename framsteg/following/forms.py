"""The sign-up form: an address and a language, nothing else."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from framsteg.following.selectors import followable


class FollowForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Write the e-mail address the messages should go to."),
            "invalid": gettext_lazy("Write the e-mail address as name@example.se."),
        },
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mails"),
        choices=settings.LANGUAGES,
        error_messages={"required": gettext_lazy("Choose the language of the e-mails.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})

    def clean_target(self):
        target = followable(self.cleaned_data["target"])
        if target is None:
            raise forms.ValidationError(gettext_lazy("This cannot be followed any more."))
        return target
