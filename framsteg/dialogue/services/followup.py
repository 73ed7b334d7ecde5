"""A resident adds to their case after sending it: a message and photos, from the follow page or by e-mail.

A message from the resident is a `CaseEvent` of kind RESIDENT. It is shown to the resident on their private
follow page (so it is `is_public`, like an answer) and to staff on the case page, but never on the public
list and case pages nor in Open311: `publicity.public_events` leaves it out. Its text is therefore kept as
the resident wrote it, without the redaction that the published text gets.

A case takes messages until its personal data has been removed or it has been merged into another case
(`accepts_messages`). A message to a closed case does not reopen it; it marks the case as updated, and the
staff inbox shows that the resident has written (see `framsteg.dialogue.views.staff.inbox`). Photos count
against the case's limit (`DIALOGUE_PHOTOS_PER_CASE`), together with those sent with the report.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from framsteg.audit.services import NOBODY, audited, record
from framsteg.dialogue.forms.resident import MultiplePhotoInput, PhotosField, processed_photos
from framsteg.dialogue.models import Case, CaseEvent, Photo
from framsteg.dialogue.photos import ProcessedPhoto, remove_written
from framsteg.dialogue.selectors import publicity
from framsteg.dialogue.services.intake import DESCRIPTION_MAX_LENGTH

# Public functions here that only read or compute; every other public function is @audited.
READS = ("accepts_messages", "photo_room", "resident_timeline")


logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = DESCRIPTION_MAX_LENGTH


class FollowupError(ValueError):
    """A message that cannot be added; `message` is translated, `field` names the form field or is ""."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def accepts_messages(case: Case) -> bool:
    """Whether the resident may still add to the case: not merged into another, personal data still kept."""
    return (
        case.personal_data_removed_at is None
        and case.duplicate_of_id is None
        and case.status != Case.Status.DUPLICATE
    )


def photo_room(case: Case) -> int:
    """How many more photos the case can take."""
    kept = case.photos.filter(removed_at__isnull=True).count()
    return max(0, settings.DIALOGUE_PHOTOS_PER_CASE - kept)


def _refusal(case: Case) -> FollowupError:
    if case.personal_data_removed_at is not None:
        return FollowupError(_("Nothing more can be added to this case: its personal data has been removed."))
    return FollowupError(_("Nothing more can be added to this case: it has been merged into another case."))


def _too_many_photos(room: int) -> FollowupError:
    if room <= 0:
        return FollowupError(_("The case already has as many photos as it can have."), "photos")
    return FollowupError(
        ngettext(
            "You can add at most %(count)d more photo to the case.",
            "You can add at most %(count)d more photos to the case.",
            room,
        )
        % {"count": room},
        "photos",
    )


@audited("dialogue.add_resident_message")
def add_resident_message(
    case: Case,
    text: str,
    photos: list[ProcessedPhoto],
    source: str,
    *,
    data: dict | None = None,
    now: datetime | None = None,
) -> CaseEvent:
    """Add the resident's message and photos to the case in one transaction, and mark the case updated.

    `source` is a `Case.Source` value (how the message came); `data` is kept with the event (for an e-mail,
    its Message-ID). Raises FollowupError if the case takes no more messages, the message is empty or too
    long, or the photos do not fit; on any failure nothing is saved and photo files already written are
    deleted. The status is left as it is: a closed case stays closed.
    """
    text = (text or "").strip()
    photos = list(photos or [])
    if not text and not photos:
        raise FollowupError(_("Write what you want to add."), "text")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise FollowupError(
            ngettext(
                "This can be at most %(count)d character long.",
                "This can be at most %(count)d characters long.",
                MESSAGE_MAX_LENGTH,
            )
            % {"count": MESSAGE_MAX_LENGTH},
            "text",
        )
    written: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            if not accepts_messages(locked):
                raise _refusal(locked)
            room = photo_room(locked)
            if len(photos) > room:
                raise _too_many_photos(room)
            photo_ids = []
            for processed in photos:
                photo = Photo(case=locked, width=processed.width, height=processed.height)
                photo.image.save(
                    f"{uuid.uuid4().hex}.{processed.extension}", ContentFile(processed.content), save=False
                )
                written.append((photo.image.storage, photo.image.name))
                photo.save()
                photo_ids.append(photo.pk)
            event = CaseEvent.objects.create(
                case=locked,
                kind=CaseEvent.Kind.RESIDENT,
                text=text,
                is_public=True,
                created_at=now or timezone.now(),
                data={**(data or {}), "source": source, "photos": photo_ids},
            )
            locked.save(update_fields=["updated_at"])
            # The resident acts, without an account; what they wrote stays in the event.
            record(
                "dialogue.add_resident_message",
                target=locked,
                actor=NOBODY,
                details={"event": event.pk, "source": source, "photos": len(photo_ids)},
                with_origin=False,
            )
    except BaseException:
        remove_written(written, "a message that was not saved")
        raise
    case.updated_at = locked.updated_at
    return event


# --- What the resident sees --------------------------------------------------------------------------------


def resident_timeline(case: Case) -> list[CaseEvent]:
    """The follow page's timeline: the public events, the answers and what staff told the resident, and the
    resident's own messages, oldest first.

    Every event gets `public_label`, `public_status`, `public_text` and `is_resident_message`; a message of
    the resident keeps its text exactly as written and gets `photo_count`.
    """
    events = publicity.resident_events(case)
    for event in events:
        event.is_resident_message = False
    own = [event for event in case.events.all() if event.kind == CaseEvent.Kind.RESIDENT]
    for event in own:
        event.is_resident_message = True
        event.public_label = _("Your message")
        event.public_status = ""
        event.public_text = event.text
        event.photo_count = len((event.data or {}).get("photos") or [])
    return sorted(events + own, key=lambda event: (event.created_at, event.pk))


# --- The form on the follow page ---------------------------------------------------------------------------


class ResidentMessageForm(forms.Form):
    """ "Add something to your case": a text, photos up to what the case still has room for, the spam trap."""

    text = forms.CharField(
        label=gettext_lazy("What do you want to add?"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "For example something that has changed, or something you forgot to tell us. Only you and the "
            "municipality's staff see it. It is not published."
        ),
        error_messages={"required": gettext_lazy("Write what you want to add.")},
    )
    photos = PhotosField(
        label=gettext_lazy("Photos"),
        required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    # A field people never see; programs that fill in every field give themselves away.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    def __init__(self, *args, room: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.room = room
        if room <= 0:
            del self.fields["photos"]
        else:
            self.fields["photos"].help_text = ngettext(
                "You can add %(count)d more photo, JPEG, PNG or WebP. Location and camera details are "
                "removed.",
                "You can add %(count)d more photos, JPEG, PNG or WebP. Location and camera details are "
                "removed.",
                room,
            ) % {"count": room}

    def clean_photos(self) -> list[ProcessedPhoto]:
        uploads = self.cleaned_data.get("photos") or []
        if len(uploads) > self.room:
            raise ValidationError(
                ngettext(
                    "You can add at most %(count)d more photo to the case. Choose fewer photos.",
                    "You can add at most %(count)d more photos to the case. Choose fewer photos.",
                    self.room,
                )
                % {"count": self.room}
            )
        return processed_photos(uploads)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _(
                    "Your message could not be sent. If you filled in the field “Leave this field empty”, "
                    "it is now empty again: send the message once more."
                ),
                code="trap",
            )
        if "photos" not in self.fields and self.chose_photos:
            # The page offered no photos (the case is full), but photos came: never drop them silently.
            raise ValidationError(
                _(
                    "The case already has as many photos as it can have, so the photos you chose were not "
                    "added. Send your message without photos."
                ),
                code="no_room",
            )
        return cleaned

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for each field error, for the summary at the top of the form."""
        links = []
        for name, errors in self.errors.items():
            if name in self.fields:
                bound = self[name]
                links.extend((bound.id_for_label, str(bound.label), str(error)) for error in errors)
        return links

    @property
    def chose_photos(self) -> bool:
        return bool(self.is_bound and self.files and self.files.getlist("photos"))
