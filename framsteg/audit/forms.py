"""The audit log's search form: a GET form, so a search can be bookmarked and exported as it is."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from framsteg.audit import selectors
from framsteg.audit.models import AuditEntry

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class SearchForm(forms.Form):
    person = forms.CharField(
        label=_("Person"), required=False, max_length=150, help_text=_("User name or name, or part of it.")
    )
    object_type = forms.ChoiceField(label=_("Type of object"), required=False)
    object = forms.CharField(
        label=_("Object"),
        required=False,
        max_length=300,
        help_text=_("The object's id, or words in its name, such as a case number."),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AuditEntry.Kind.choices]
    )
    date_from = forms.DateField(label=_("From date"), required=False, **DATE_WIDGET)
    date_to = forms.DateField(label=_("To date"), required=False, **DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [(a, a) for a in selectors.actions()]
        self.fields["object_type"].choices = [("", _("All types"))] + [
            (value, value) for value in selectors.object_types()
        ]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self.auto_id % self.add_prefix(name)}_helptext"

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The to date must not be before the from date."))
        return data

    def criteria(self) -> selectors.Search:
        """The search as given; fields that do not validate are left out (and named on the page)."""
        values = {}
        cleaned = getattr(self, "cleaned_data", {})
        for name in ("person", "object_type", "object", "action", "kind", "date_from", "date_to"):
            if name not in self.errors and cleaned.get(name):
                values[name] = cleaned[name]
        return selectors.Search(**values)
