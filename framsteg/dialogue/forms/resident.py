"""The residents' report forms: one per kind of case, sharing place, photos, contact details and a spam trap.

Everything a resident types is kept when a form is shown again, except chosen files, which no browser can
keep. Photos are checked and stripped of their metadata while the form is cleaned, so a form that is valid
holds photos that are safe to store. The position from the map picker arrives in two hidden fields that any
client may fill; it must lie inside the municipality.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.boundfield import BoundField, BoundWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.dialogue.models import SOURCE_LANGUAGE, Case, CaseKind, Category, CategoryQuestion
from framsteg.dialogue.photos import PhotoError, ProcessedPhoto, process_photo
from framsteg.dialogue.services.intake import Submission
from framsteg.places.geo import inside_municipality

# The Swedish slugs in the addresses /anmal/<slug>/, and the kind of case each one reports.
KIND_SLUGS = {"synpunkt": CaseKind.FEEDBACK, "felanmalan": CaseKind.FAULT, "trygghet": CaseKind.SAFETY}
SLUG_FOR_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}

DESCRIPTION_MAX_LENGTH = 4000
FILE_NAME_SHOWN = 60

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,38}$",
    _("Write the telephone number with digits, for example 070-123 45 67 or +46 8 530 610 00."),
)


class PhoneInput(forms.TextInput):
    input_type = "tel"


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.Field):
    """Several uploaded files; each is checked by the form, which can name the file that is wrong."""

    widget = MultiplePhotoInput

    def to_python(self, value) -> list:
        if not value:
            return []
        files = value if isinstance(value, list | tuple) else [value]
        return [upload for upload in files if upload]


class NumberAnswerField(forms.CharField):
    """A number as residents write it: with a decimal comma or point, kept as the text "2.5"."""

    def clean(self, value) -> str:
        text = super().clean(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if not text:
            return ""
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ValidationError(_("Write a number, for example 3 or 2.5."), code="invalid")
        return text


@dataclass
class Option:
    """One radio button of a choice, with its explanation and, for fault categories, its own questions.

    `hint_lang` is "sv" when the hint is the Swedish original shown for want of a translation.
    """

    radio: BoundWidget
    hint: str = ""
    hint_lang: str = ""
    questions: list[BoundField] = field(default_factory=list)

    @property
    def hint_id(self) -> str:
        return f"{self.radio.id_for_label}_hint"


def question_field(question: CategoryQuestion) -> forms.Field:
    """A form field for one of a category's extra questions, in the reader's language where translated.

    Whether it is required is checked in clean(). The field knows what is shown in Swedish for want of a
    translation (`untranslated_label`, `untranslated_choices`), so that the page can mark it as Swedish.
    """
    field = answer_field(question)
    field.question_required = question.required
    field.untranslated_label = not question.label_is_translated
    field.untranslated_choices = question.untranslated_choices()
    return field


def answer_field(question: CategoryQuestion) -> forms.Field:
    """The kind of field the question's answer type needs."""
    common = {"label": question.current_label, "required": False}
    datatype = question.datatype
    if datatype == CategoryQuestion.Datatype.NUMBER:
        return NumberAnswerField(
            max_length=30, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
        )
    if datatype == CategoryQuestion.Datatype.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            error_messages={"invalid": _("Write the date and time, for example 2026-03-01 14:30.")},
            **common,
        )
    if datatype == CategoryQuestion.Datatype.TEXT:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    choices = [(key, name) for key, name in question.choices_for()]
    if datatype == CategoryQuestion.Datatype.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if datatype == CategoryQuestion.Datatype.MULTI:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    return forms.CharField(max_length=300, **common)


def answer_value(value):
    """An answer as it is stored: JSON-friendly, times in ISO 8601."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.isoformat()
    return value


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


class ReportForm(forms.Form):
    """What every kind of report asks: a description, a place, photos, contact details and the spam trap."""

    kind: str = ""
    choice_fields: tuple[str, ...] = ()

    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    place = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=300,
        help_text=_("For example a street address, a square, a park or a bus stop."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    contact_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Write the e-mail address in the form name@example.se.")},
    )
    contact_phone = forms.CharField(
        label=_("Telephone"),
        required=False,
        max_length=40,
        validators=[phone_number],
        widget=PhoneInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # A field people never see; programs that fill in every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    description_required = _("Write a description.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.DIALOGUE_PHOTOS_PER_CASE
        self.fields["photos"].help_text = ngettext(
            "At most %(count)d photo, JPEG, PNG or WebP. Location and camera details are removed.",
            "At most %(count)d photos, JPEG, PNG or WebP. Location and camera details are removed.",
            limit,
        ) % {"count": limit}
        self.fields["description"].error_messages["required"] = self.description_required

    # Cleaning

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()

    def clean_photos(self) -> list[ProcessedPhoto]:
        uploads = self.cleaned_data.get("photos") or []
        limit = settings.DIALOGUE_PHOTOS_PER_CASE
        if len(uploads) > limit:
            raise ValidationError(
                ngettext(
                    "You can send at most %(count)d photo. Choose fewer photos.",
                    "You can send at most %(count)d photos. Choose fewer photos.",
                    limit,
                )
                % {"count": limit}
            )
        return processed_photos(uploads)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _(
                    "Your report could not be sent. If you filled in the field “Leave this field empty”, "
                    "it is now empty again: send the report once more."
                ),
                code="trap",
            )
        self.clean_position(cleaned)
        return cleaned

    def clean_position(self, cleaned: dict) -> None:
        """Both coordinates or neither, numbers inside the municipality; problems show at the place field."""
        latitude, longitude = (str(cleaned.get(name) or "").strip() for name in ("latitude", "longitude"))
        cleaned["latitude"] = cleaned["longitude"] = None
        if not latitude and not longitude:
            return
        try:
            point = float(latitude), float(longitude)
        except ValueError:
            point = None
        if point is None or not all(math.isfinite(value) for value in point):
            self.add_error(
                "place", _("The point on the map could not be read. Choose it again or write the place.")
            )
            return
        if not inside_municipality(*point):
            self.add_error(
                "place",
                _(
                    "The point you chose is outside the municipality. Choose a point inside it, "
                    "or write the address or place."
                ),
            )
            return
        cleaned["latitude"], cleaned["longitude"] = round(point[0], 6), round(point[1], 6)

    # What the page needs

    def options(
        self, name: str, hints: dict | None = None, swedish_hints: Collection[str] = ()
    ) -> list[Option]:
        """The radio buttons of a choice field, each described by its hint (if any) for screen readers.

        `swedish_hints` holds the values whose hints are the Swedish original, not in the reader's language.
        """
        hints = hints or {}
        options = []
        for radio in self[name]:
            value = str(radio.data["value"])
            hint = str(hints.get(value, ""))
            option = Option(
                radio=radio, hint=hint, hint_lang=SOURCE_LANGUAGE if value in swedish_hints else ""
            )
            if hint:
                radio.data["attrs"] = {**radio.data["attrs"], "aria-describedby": option.hint_id}
            options.append(option)
        return options

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for each field error, for the summary at the top of the page."""
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                continue
            bound = self[name]
            anchor = f"{bound.auto_id}_0" if bound.use_fieldset else bound.id_for_label
            links.extend((anchor, str(bound.label), str(error)) for error in errors)
        return links

    @property
    def chose_photos(self) -> bool:
        return bool(self.is_bound and self.files and self.files.getlist("photos"))

    # The submission

    def submission(self, language: str) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=self.kind,
            description=data["description"],
            place=data.get("place", "").strip(),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            language=language,
            contact_name=data.get("contact_name", "").strip(),
            contact_email=data.get("contact_email", "").strip(),
            contact_phone=data.get("contact_phone", "").strip(),
            photos=list(data.get("photos") or []),
            **self.kind_details(),
        )

    def kind_details(self) -> dict:
        """The Submission fields particular to the kind of report."""
        return {}


def processed_photos(uploads) -> list[ProcessedPhoto]:
    """Every upload checked and stripped of its metadata; one error per refused file, naming it."""
    processed, errors = [], []
    for upload in uploads:
        try:
            processed.append(process_photo(upload))
        except PhotoError as error:
            errors.append(
                ValidationError(
                    _("%(name)s: %(problem)s"),
                    params={"name": shown_file_name(upload), "problem": photo_problem(error)},
                )
            )
    if errors:
        raise ValidationError(errors)
    return processed


def shown_file_name(upload) -> str:
    name = str(getattr(upload, "name", "") or _("the photo"))
    return name if len(name) <= FILE_NAME_SHOWN else name[: FILE_NAME_SHOWN - 1] + "…"


def photo_problem(error: PhotoError) -> str:
    """The photo's problem, and that no chosen photo is kept when the form is shown again."""
    message = getattr(error, "message", None) or str(error)
    again = _("Choose your photos again before you send.")
    return f"{message} {again}"


class FeedbackForm(ReportForm):
    """Praise, a complaint or a suggestion."""

    kind = CaseKind.FEEDBACK
    choice_fields = ("feedback_type",)

    feedback_type = forms.ChoiceField(
        label=_("What kind of feedback is it?"),
        choices=Case.FeedbackType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose praise, complaint or suggestion.")},
    )

    field_order = ["feedback_type", "description"]
    description_required = _("Write your feedback.")

    type_hints = {
        Case.FeedbackType.PRAISE: _("Something that works well, or someone who did a good job."),
        Case.FeedbackType.COMPLAINT: _("Something that does not work as it should."),
        Case.FeedbackType.SUGGESTION: _("An idea for how something could be better."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("What do you want to tell us?")
        self.fields["description"].help_text = _(
            "Tell us what it is about and, if you can, where and when. Do not write other people's names "
            "or personal details."
        )
        self.fields["place"].label = _("Address or place, if it is about a place")

    def type_options(self) -> list[Option]:
        return self.options("feedback_type", {str(key): hint for key, hint in self.type_hints.items()})

    def kind_details(self) -> dict:
        return {"feedback_type": self.cleaned_data["feedback_type"]}


def category_hints(categories: dict[str, Category]) -> tuple[dict[str, str], set[str]]:
    """The categories' descriptions in the reader's language, and the values of those shown in Swedish."""
    hints = {pk: category.description_label for pk, category in categories.items()}
    swedish = {pk for pk, category in categories.items() if not category.description_is_translated}
    return hints, swedish


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.label


class FaultForm(ReportForm):
    """Something broken, dirty or dangerous out of doors, in one of the fault categories."""

    kind = CaseKind.FAULT
    choice_fields = ("category",)

    category = CategoryChoiceField(
        label=_("What is the fault about?"),
        queryset=Category.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what the fault is about.")},
    )

    field_order = ["category", "description"]
    description_required = _("Describe the fault.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = Category.objects.filter(kind=CaseKind.FAULT, is_active=True)
        self.fields["category"].queryset = active
        categories = list(active.prefetch_related("questions"))
        self.categories = {str(category.pk): category for category in categories}
        self.question_names: dict[str, list[tuple[CategoryQuestion, str]]] = {}
        for category in categories:
            names = []
            for question in category.questions.all():
                name = f"q-{category.code}-{question.code}"
                self.fields[name] = question_field(question)
                names.append((question, name))
            self.question_names[str(category.pk)] = names
        self.fields["description"].label = _("What is wrong?")
        self.fields["description"].help_text = _(
            "Say also exactly where, if you can. For example: “The lamp at the entrance to the underpass "
            "has been dark for a week.”"
        )
        self.fields["place"].label = _("Address or place of the fault")

    def category_options(self) -> list[Option]:
        options = self.options("category", *category_hints(self.categories))
        for option in options:
            names = self.question_names.get(str(option.radio.data["value"]), [])
            option.questions = [self[name] for _question, name in names]
        return options

    def clean(self) -> dict:
        cleaned = super().clean()
        category = cleaned.get("category")
        answers = {}
        if category is not None:
            for question, name in self.question_names.get(str(category.pk), []):
                value = cleaned.get(name)
                if is_empty(value):
                    if question.required and name not in self.errors:
                        self.add_error(name, _("Answer this question."))
                    continue
                answers[question.code] = answer_value(value)
        cleaned["answers"] = answers
        return cleaned

    def kind_details(self) -> dict:
        return {"category": self.cleaned_data["category"], "answers": self.cleaned_data["answers"]}


class SafetyForm(ReportForm):
    """A place that feels unsafe or something that happened: where, when and what."""

    kind = CaseKind.SAFETY
    choice_fields = ("category",)

    category = CategoryChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        blank=True,
        empty_label=_("Something else, or I am not sure"),
    )
    happened_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as year-month-day, for example 2026-03-01.")},
    )
    happened_time = forms.TimeField(
        label=_("Time of day"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Write the time as hours and minutes, for example 21:30.")},
    )

    field_order = ["category", "description", "happened_on", "happened_time"]
    description_required = _("Write a few words about what happened or what feels unsafe.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = Category.objects.filter(kind=CaseKind.SAFETY, is_active=True)
        self.fields["category"].queryset = active
        self.categories = {str(category.pk): category for category in active}
        self.fields["description"].label = _("What happened, or what makes the place feel unsafe?")
        self.fields["description"].help_text = _(
            "Describe the place and what you saw or felt. Do not write names of other people."
        )
        self.fields["place"].label = _("Where?")

    def category_options(self) -> list[Option]:
        return self.options("category", *category_hints(self.categories))

    def clean(self) -> dict:
        cleaned = super().clean()
        day, moment = cleaned.get("happened_on"), cleaned.get("happened_time")
        cleaned["happened_at"] = None
        if day is None:
            if moment is not None and "happened_on" not in self.errors:
                self.add_error("happened_on", _("Give the date as well, or leave the time empty."))
            return cleaned
        if day > timezone.localdate():
            self.add_error("happened_on", _("The date is in the future. Give the day it happened."))
            return cleaned
        cleaned["happened_at"] = timezone.make_aware(datetime.combine(day, moment or time(0, 0)))
        return cleaned

    def kind_details(self) -> dict:
        return {
            "category": self.cleaned_data.get("category"),
            "happened_at": self.cleaned_data["happened_at"],
        }


FORMS: dict[str, type[ReportForm]] = {
    CaseKind.FEEDBACK: FeedbackForm,
    CaseKind.FAULT: FaultForm,
    CaseKind.SAFETY: SafetyForm,
}
