"""The budget follow-up's staff forms: the finance system's file, a comment on a deviation, a stated amount
recorded as a budget."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.organisations.models import Organisation
from framsteg.steering.models import FollowUpPeriod

EXTENSIONS = (".csv", ".xlsx")
MAX_BYTES = 10 * 1024 * 1024


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FollowUpPeriod) -> str:
        return str(obj)


class UploadForm(forms.Form):
    period = PeriodChoiceField(
        queryset=FollowUpPeriod.objects.order_by("-year", "-ends_on"),
        label=gettext_lazy("Follow-up period"),
        error_messages={"required": gettext_lazy("Choose the period the figures are for.")},
    )
    file = forms.FileField(
        label=gettext_lazy("File from the finance system"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8) or an Excel workbook (.xlsx), one nämnd or commitment per row."
        ),
        error_messages={"required": gettext_lazy("Choose the file to import.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["period"].initial = FollowUpPeriod.open_period()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("“%(name)s” cannot be imported. Choose a .csv or .xlsx file.")
                % {"name": PurePath(upload.name).name}
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class PendingForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
    filename = forms.RegexField(regex=r"(?i)^[^/\\]{1,200}\.(csv|xlsx)$", widget=forms.HiddenInput)
    period = forms.ModelChoiceField(queryset=FollowUpPeriod.objects.all(), widget=forms.HiddenInput)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment on the deviation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why the forecast differs from the budget, and what is done about it."),
    )


class StatedBudgetForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).order_by("name"),
        label=gettext_lazy("Nämnd or organisation"),
        error_messages={"required": gettext_lazy("Choose whose budget the amount is.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Budget year"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": gettext_lazy("Write the year the amount is budgeted for.")},
    )
