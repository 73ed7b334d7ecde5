"""The incident reporter's form, made for a phone in the field, and the coordinators' review forms.

Everything typed is kept when the form is shown again with errors (chosen photos cannot be, as in the
residents' forms). The place is a point on the map (two hidden fields the map fills), a named place, or a
place name typed; the service resolves it. EST looks at places and situations, never at persons: personal
data that the automatic check finds in the texts is shown and the reporter asked to rephrase, or to confirm.
"""

from __future__ import annotations

import datetime
import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.dialogue.forms.resident import MultiplePhotoInput, PhotosField, processed_photos
from framsteg.dialogue.photos import ProcessedPhoto
from framsteg.dialogue.redaction import STREET_ADDRESS, find_personal_data, kind_label
from framsteg.organisations.models import Organisation
from framsteg.places.geo import inside_municipality
from framsteg.places.models import District
from framsteg.situation.models import Incident, IncidentCategory, NamedPlace, week_start
from framsteg.situation.services.incidents import IncidentData

TEXT_MAX_LENGTH = 4000
POLICE_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Don't know"))]
POLICE_VALUES = {"yes": True, "no": False, "unknown": None}


def leaf_categories() -> list[IncidentCategory]:
    """The event types a report can have: those in use with no sub-types in use."""
    categories = list(IncidentCategory.objects.filter(is_active=True).select_related("parent"))
    parents = {category.parent_id for category in categories if category.parent_id}
    return [category for category in categories if category.pk not in parents]


def category_label(category: IncidentCategory) -> str:
    return f"{category.label()} ({category.get_nature_display().lower()})"


def category_choices(categories: list[IncidentCategory]) -> list:
    """Grouped by their group (the parent), in the tree's order; a leaf without a group stands alone."""
    groups: dict[int | None, list] = {}
    order: list[IncidentCategory | None] = []
    for category in categories:
        key = category.parent_id
        if key not in groups:
            groups[key] = []
            order.append(category.parent)
        groups[key].append((str(category.pk), category_label(category)))
    choices: list = [("", _("Choose the event type"))]
    for parent in sorted(order, key=lambda p: (p is None, p.position if p else 0, p.name if p else "")):
        options = groups[parent.pk if parent else None]
        if parent is None:
            choices.extend(options)
        else:
            choices.append((parent.label(), options))
    return choices


def personal_data_findings(*texts: str) -> list[tuple[str, str]]:
    """(kind, text) of what the automatic check finds in the texts; street addresses are places here."""
    found = []
    for text in texts:
        for finding in find_personal_data(text or ""):
            if finding.kind != STREET_ADDRESS:
                found.append((kind_label(finding.kind), text[finding.start : finding.end]))
    return found


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class IncidentForm(forms.Form):
    """One incident report. `organisations` are those the user may report for (a choice only when several)."""

    category = forms.TypedChoiceField(label=_("Event type"), coerce=int)
    named_place = forms.TypedChoiceField(
        label=_("Named place"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Choose it if the event was at one of the places the partners name."),
    )
    place_text = forms.CharField(
        label=_("Place name"),
        required=False,
        max_length=300,
        help_text=_("Or write the place: a square, a street, a district. Never a flat or a person's home."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    setting = forms.ChoiceField(
        label=_("Kind of place"),
        choices=NamedPlace.Setting.choices,
        initial=NamedPlace.Setting.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_("A semi-public place is only ever shown at block level."),
    )
    occurred_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={"invalid": _("Write the date as 2026-03-01.")},
    )
    occurred_time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=TimeInput(),
        error_messages={"invalid": _("Write the time as 21:30.")},
    )
    time_unknown = forms.BooleanField(label=_("Time of day unknown"), required=False)
    ended_on = forms.DateField(
        label=_("Until (date)"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Write the date as 2026-03-01.")},
    )
    ended_time = forms.TimeField(
        label=_("Until (time)"),
        required=False,
        widget=TimeInput(),
        error_messages={"invalid": _("Write the time as 21:30.")},
    )
    events = forms.IntegerField(
        label=_("Number of events"),
        min_value=1,
        max_value=1000,
        initial=1,
        help_text=_("Several events of the same kind at the same place may be reported as one."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Describe the place and the situation, never who the people were."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    assessment = forms.CharField(
        label=_("Your assessment"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("For example why it happens there, or what would help."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    police_reported = forms.ChoiceField(
        label=_("Was it reported to the police?"),
        choices=POLICE_CHOICES,
        initial="unknown",
        widget=forms.RadioSelect,
    )
    organisation = forms.TypedChoiceField(label=_("Reporting organisation"), coerce=int, required=False)
    confirm_personal_data = forms.BooleanField(
        label=_("I have checked the texts: they describe no person"), required=False
    )

    def __init__(self, *args, organisations=(), photo_room: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {category.pk: category for category in leaf_categories()}
        self.fields["category"].choices = category_choices(list(self.categories.values()))
        self.places = {place.pk: place for place in NamedPlace.objects.filter(is_active=True)}
        self.fields["named_place"].choices = [("", _("No named place"))] + [
            (str(place.pk), place.name) for place in self.places.values()
        ]
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.fields["organisation"].choices = [("", _("Choose the organisation"))] + [
            (str(organisation.pk), organisation.name)
            for organisation in sorted(self.organisations.values(), key=lambda o: o.name)
        ]
        self.photo_room = settings.DIALOGUE_PHOTOS_PER_CASE if photo_room is None else photo_room
        self.fields["photos"].help_text = ngettext(
            "At most %(count)d photo, JPEG, PNG or WebP. Location and camera details are removed. "
            "Never photograph people's faces or number plates.",
            "At most %(count)d photos, JPEG, PNG or WebP. Location and camera details are removed. "
            "Never photograph people's faces or number plates.",
            self.photo_room,
        ) % {"count": self.photo_room}
        self.findings: list[tuple[str, str]] = []
        # Needed unless "Time of day unknown" is ticked: not marked optional (the page reads this flag).
        self.fields["occurred_time"].question_required = True

    @property
    def chooses_organisation(self) -> bool:
        return len(self.organisations) != 1

    @property
    def chose_photos(self) -> bool:
        return bool(self.is_bound and self.files and self.files.getlist("photos"))

    @property
    def asks_confirmation(self) -> bool:
        return bool(self.findings)

    # Cleaning

    def clean_category(self) -> IncidentCategory:
        category = self.categories.get(self.cleaned_data["category"])
        if category is None:
            raise ValidationError(_("Choose an event type from the list."))
        return category

    def clean_named_place(self) -> NamedPlace | None:
        value = self.cleaned_data.get("named_place")
        if value is None:
            return None
        if value not in self.places:
            raise ValidationError(_("Choose a place from the list."))
        return self.places[value]

    def clean_organisation(self) -> Organisation | None:
        value = self.cleaned_data.get("organisation")
        if len(self.organisations) == 1:
            return next(iter(self.organisations.values()))
        if value is None or value not in self.organisations:
            raise ValidationError(_("Choose the organisation you report for."))
        return self.organisations[value]

    def clean_photos(self) -> list[ProcessedPhoto]:
        uploads = self.cleaned_data.get("photos") or []
        if len(uploads) > self.photo_room:
            raise ValidationError(
                ngettext(
                    "You can add at most %(count)d photo. Choose fewer photos.",
                    "You can add at most %(count)d photos. Choose fewer photos.",
                    self.photo_room,
                )
                % {"count": self.photo_room}
            )
        return processed_photos(uploads)

    def clean(self) -> dict:
        cleaned = super().clean()
        self._clean_position(cleaned)
        self._clean_times(cleaned)
        if not self.errors:
            self.check_personal_data(cleaned)
        return cleaned

    def check_personal_data(self, cleaned: dict) -> None:
        """Warn, not block: what the check finds is shown and the reporter rephrases or confirms."""
        self.findings = personal_data_findings(
            cleaned.get("description", ""), cleaned.get("assessment", ""), cleaned.get("place_text", "")
        )
        if self.findings and not cleaned.get("confirm_personal_data"):
            raise ValidationError(
                _(
                    "The texts seem to describe a person. EST looks at places and situations, never at "
                    "persons: rephrase, or confirm that they describe no person."
                ),
                code="personal_data",
            )

    def _clean_position(self, cleaned: dict) -> None:
        """Both coordinates or neither, inside the municipality; without them a named place or a name."""
        latitude, longitude = (str(cleaned.get(name) or "").strip() for name in ("latitude", "longitude"))
        cleaned["latitude"] = cleaned["longitude"] = None
        if not latitude and not longitude:
            nothing = cleaned.get("named_place") is None and not cleaned.get("place_text", "").strip()
            if nothing and "named_place" not in self.errors:
                self.add_error(
                    "place_text",
                    _("Say where it happened: a point on the map, a named place or a place name."),
                )
            return
        try:
            point = float(latitude), float(longitude)
        except ValueError:
            point = None
        if point is None or not all(math.isfinite(value) for value in point):
            self.add_error("place_text", _("The point on the map could not be read. Choose it again."))
            return
        if not inside_municipality(*point):
            self.add_error("place_text", _("The point on the map is outside the municipality."))
            return
        cleaned["latitude"], cleaned["longitude"] = round(point[0], 6), round(point[1], 6)

    def _clean_times(self, cleaned: dict) -> None:
        day, time = cleaned.get("occurred_on"), cleaned.get("occurred_time")
        unknown = cleaned.get("time_unknown")
        if day is None:
            return
        if time is None and not unknown and "occurred_time" not in self.errors:
            self.add_error("occurred_time", _("Give the time, or tick “Time of day unknown”."))
            return
        start = local_datetime(day, None if unknown else time)
        cleaned["occurred_at"] = start
        if start > timezone.now() + datetime.timedelta(minutes=15):
            self.add_error("occurred_on", _("The time is in the future."))
            return
        ended_on, ended_time = cleaned.get("ended_on"), cleaned.get("ended_time")
        cleaned["ended_at"] = None
        if ended_on is None and ended_time is None:
            return
        if ended_on is None:
            ended_on = day
        end = local_datetime(ended_on, None if unknown else ended_time, end_of_day=ended_time is None)
        if end < start:
            self.add_error("ended_on", _("The end of the time span is before its start."))
            return
        cleaned["ended_at"] = end

    # What the service needs

    def incident_data(self) -> IncidentData:
        data = self.cleaned_data
        return IncidentData(
            category=data["category"],
            occurred_at=data["occurred_at"],
            ended_at=data.get("ended_at"),
            time_known=not data.get("time_unknown"),
            events=data["events"],
            named_place=data.get("named_place"),
            place_text=data.get("place_text", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            setting=data["setting"],
            description=data.get("description", ""),
            assessment=data.get("assessment", ""),
            police_reported=POLICE_VALUES[data["police_reported"]],
            photos=list(data.get("photos") or []),
        )

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


def local_datetime(day: datetime.date, time: datetime.time | None, end_of_day: bool = False):
    """The moment in the municipality's time zone; a day without a time of day is its start (or end)."""
    if time is None:
        time = datetime.time(23, 59) if end_of_day else datetime.time(0, 0)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def initial_for(incident: Incident) -> dict:
    """The form's initial values from a saved report, for editing it."""
    start = timezone.localtime(incident.occurred_at)
    initial = {
        "category": incident.category_id,
        "named_place": incident.named_place_id,
        "place_text": incident.place_text,
        "latitude": "" if incident.latitude is None else f"{incident.latitude:.6f}",
        "longitude": "" if incident.longitude is None else f"{incident.longitude:.6f}",
        "setting": incident.setting,
        "occurred_on": start.date(),
        "occurred_time": start.time().replace(second=0, microsecond=0) if incident.time_known else None,
        "time_unknown": not incident.time_known,
        "events": incident.events,
        "description": incident.description,
        "assessment": incident.assessment,
        "police_reported": {True: "yes", False: "no"}.get(incident.police_reported, "unknown"),
        "organisation": incident.organisation_id,
    }
    if incident.ended_at is not None:
        end = timezone.localtime(incident.ended_at)
        initial["ended_on"] = end.date()
        initial["ended_time"] = end.time().replace(second=0, microsecond=0) if incident.time_known else None
    return initial


WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> datetime.date | None:
    """The Monday of an ISO week written 2026-W09, or None."""
    match = WEEK_PATTERN.match(text.strip())
    if not match:
        return None
    try:
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


class ReviewFilterForm(forms.Form):
    """The review queue's filters, a GET form."""

    STATUS_WAITING = ""

    status = forms.ChoiceField(label=_("Status"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Reporting organisation"), coerce=int, required=False, empty_value=None
    )
    category = forms.TypedChoiceField(label=_("Event type"), coerce=int, required=False, empty_value=None)
    district = forms.TypedChoiceField(label=_("District"), coerce=int, required=False, empty_value=None)
    week = forms.CharField(
        label=_("Week"),
        required=False,
        max_length=8,
        help_text=_("As 2026-W09."),
        widget=forms.TextInput(attrs={"placeholder": "2026-W09", "inputmode": "text"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (self.STATUS_WAITING, _("Waiting for review (reported or reviewed)")),
            *Incident.Status.choices,
            ("all", _("All statuses")),
        ]
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (str(pk), name)
            for pk, name in Organisation.objects.filter(incidents__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        ]
        self.fields["category"].choices = [("", _("All event types"))] + [
            (str(category.pk), category.label())
            for category in IncidentCategory.objects.filter(incidents__isnull=False).distinct()
        ]
        self.fields["district"].choices = [("", _("All districts"))] + [
            (str(pk), name) for pk, name in District.objects.order_by("name").values_list("pk", "name")
        ]

    def clean_week(self) -> datetime.date | None:
        text = self.cleaned_data.get("week", "").strip()
        if not text:
            return None
        monday = parse_week(text)
        if monday is None:
            raise ValidationError(_("Write the week as 2026-W09."))
        return week_start(monday)


class ReviewForm(forms.Form):
    """A coordinator's decision on one report, or on several chosen in the queue."""

    DECISIONS = [
        (Incident.Status.INCLUDED, _("Include in the picture")),
        (Incident.Status.REVIEWED, _("Mark as reviewed (not yet included)")),
        (Incident.Status.REJECTED, _("Do not include")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the reporter"),
        required=False,
        max_length=2000,
        help_text=_("Say why when a report is not included."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == Incident.Status.REJECTED and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why the report is not included."))
        return cleaned


class NumbersField(forms.Field):
    """Several whole numbers from checkboxes of the same name (the view decides which it may use)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        try:
            return sorted({int(item) for item in values if str(item).strip()})
        except (TypeError, ValueError):
            raise ValidationError(_("Choose reports from the list."), code="invalid") from None


class BulkReviewForm(ReviewForm):
    incidents = NumbersField(
        label=_("Reports"), error_messages={"required": _("Choose at least one report in the list.")}
    )
