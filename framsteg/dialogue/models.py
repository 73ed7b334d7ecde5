"""Residents' feedback, fault reports and safety reports, handled as cases.

A case is a public document once registered: it is never deleted. What is personal — the resident's contact
details and the photos' originals — is kept apart on the case and removed when the retention time after
closing has passed (`personal_data_removed_at`). Nothing the resident wrote or sent is public until a case
officer has reviewed it (`Case.text_review`, `Photo.review`). Everything that happens to a case is a
`CaseEvent`: internal notes are for staff, answers for the resident alone, and public notes for everyone once
reviewed.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.places.models import District
from framsteg.steering.models import Commitment

# The language categories and questions are written in; their translations add the site's other languages.
SOURCE_LANGUAGE = "sv"


def reading_language(language: str | None = None) -> str:
    """The two-letter code of `language`, else of the active language."""
    return (language or get_language() or SOURCE_LANGUAGE)[:2]


def _check_language(language) -> None:
    languages = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
    if language not in languages:
        raise ValidationError(
            _("“%(language)s” is not one of the languages to translate into: %(languages)s."),
            params={"language": language, "languages": ", ".join(languages)},
        )


def validate_text_translations(value) -> None:
    """A text's translations: {"en": "text", "fi": "teksti"}, one text per language of the site."""
    if not isinstance(value, dict):
        raise ValidationError(_('Write the translations as {"en": "text in English", …}.'))
    for language, text in value.items():
        _check_language(language)
        if not isinstance(text, str):
            raise ValidationError(
                _("The translation into “%(language)s” must be a text."), params={"language": language}
            )


def validate_question_translations(value) -> None:
    """A question's translations: {"en": {"label": "…", "choices": {"key": "name"}}}; both parts optional."""
    if not isinstance(value, dict):
        raise ValidationError(
            _('Write the translations as {"en": {"label": "question", "choices": {"key": "name"}}, …}.')
        )
    for language, entry in value.items():
        _check_language(language)
        choices = entry.get("choices", {}) if isinstance(entry, dict) else None
        well_formed = (
            isinstance(entry, dict)
            and set(entry) <= {"label", "choices"}
            and isinstance(entry.get("label", ""), str)
            and isinstance(choices, dict)
            and all(isinstance(name, str) for name in choices.values())
        )
        if not well_formed:
            raise ValidationError(
                _(
                    'The translation into “%(language)s” may hold only "label" (a text) and "choices" '
                    '({"key": "name", …}).'
                ),
                params={"language": language},
            )


class CaseKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    FAULT = "fault", _("Fault report")
    SAFETY = "safety", _("Safety report")


class Category(models.Model):
    """What a report is about; for Open311 clients a category is a service."""

    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Open311 service code."))
    name = models.CharField(_("name (Swedish)"), max_length=120)
    translations = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_('E.g. {"en": "Street lighting"}.'),
    )
    description = models.TextField(_("description"), blank=True)
    description_translations = models.JSONField(
        _("descriptions in other languages"),
        default=dict,
        blank=True,
        validators=[validate_text_translations],
        help_text=_('E.g. {"en": "Street lights that are out, blink or are damaged."}.'),
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="categories",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    publish_when_clean = models.BooleanField(
        _("publish automatically when no personal data is found"),
        default=False,
        help_text=_(
            "Off: a case officer reviews every report's text before it is published. On: a report whose text "
            "and place the automatic check finds nothing in is published at once, marked as not reviewed; "
            "the rest wait for review. Photos are always reviewed."
        ),
    )

    class Meta:
        ordering = ["kind", "position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.translations.get(reading_language()) or self.name

    @property
    def label_language(self) -> str:
        """The language `label` is in: the active one when translated, else Swedish."""
        language = reading_language()
        return language if self.translations.get(language) else SOURCE_LANGUAGE

    def description_for(self, language: str | None = None) -> str:
        """The description in `language` (else the active one), or the Swedish original if not translated."""
        return self.description_translations.get(reading_language(language)) or self.description

    @property
    def description_label(self) -> str:
        return self.description_for()

    @property
    def description_is_translated(self) -> bool:
        """Whether `description_label` is in the active language; if not, it is the Swedish original."""
        language = reading_language()
        return language == SOURCE_LANGUAGE or bool(self.description_translations.get(language))


class CategoryQuestion(models.Model):
    """An extra question a category asks (an Open311 attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLE = "singlevaluelist", _("One of a list")
        MULTI = "multivaluelist", _("Several of a list")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("question"), max_length=300)
    datatype = models.CharField(_("answer type"), max_length=20, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_('E.g. [["on", "Tänd"]].'))
    translations = models.JSONField(
        _("question in other languages"),
        default=dict,
        blank=True,
        validators=[validate_question_translations],
        help_text=_('E.g. {"en": {"label": "Is the lamp lit at all?", "choices": {"on": "Lit"}}}.'),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["category", "position"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="unique_question_code")]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        """Translated choice names must belong to choices the question has."""
        if not isinstance(self.translations, dict):
            return  # the field's own validator explains what is wrong
        keys = {key for key, _name in self.original_choices()}
        for language, entry in self.translations.items():
            choices = entry.get("choices") if isinstance(entry, dict) else None
            unknown = sorted(set(choices) - keys) if isinstance(choices, dict) else []
            if unknown:
                problem = ValidationError(
                    _(
                        "The translation into “%(language)s” names choices the question does not have: "
                        "%(keys)s."
                    ),
                    params={"language": language, "keys": ", ".join(unknown)},
                )
                raise ValidationError({"translations": problem})

    def original_choices(self) -> list[tuple[str, str]]:
        """The choices as (key, Swedish name); a choice given as a bare key is named by its key."""
        pairs = []
        for choice in self.choices or []:
            if isinstance(choice, list | tuple):
                pairs.append((str(choice[0]), str(choice[1] if len(choice) > 1 else choice[0])))
            else:
                pairs.append((str(choice), str(choice)))
        return pairs

    def _translation(self, language: str | None) -> dict:
        entry = self.translations.get(reading_language(language)) if self.translations else None
        return entry if isinstance(entry, dict) else {}

    def label_for(self, language: str | None = None) -> str:
        """The question in `language` (else the active one), or the Swedish original if not translated."""
        return self._translation(language).get("label") or self.label

    @property
    def current_label(self) -> str:
        return self.label_for()

    @property
    def label_is_translated(self) -> bool:
        """Whether `current_label` is in the active language; if not, it is the Swedish original."""
        return reading_language() == SOURCE_LANGUAGE or bool(self._translation(None).get("label"))

    def choices_for(self, language: str | None = None) -> list[list[str]]:
        """[[key, name]] with the names in `language` (else the active one), each falling back to Swedish."""
        names = self._translation(language).get("choices") or {}
        return [[key, names.get(key) or name] for key, name in self.original_choices()]

    def untranslated_choices(self, language: str | None = None) -> set[str]:
        """The keys of the choices whose names `choices_for` gives in Swedish, for want of a translation."""
        if reading_language(language) == SOURCE_LANGUAGE:
            return set()
        names = self._translation(language).get("choices") or {}
        return {key for key, _name in self.original_choices() if not names.get(key)}


class ResponsePromise(models.Model):
    """How fast a kind (or one category) of case is confirmed and answered, in working days."""

    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    category = models.OneToOneField(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="promise"
    )
    confirm_within = models.PositiveSmallIntegerField(_("confirmed within (working days)"), default=2)
    answer_within = models.PositiveSmallIntegerField(_("answered within (working days)"), default=10)

    class Meta:
        verbose_name = _("response-time promise")
        verbose_name_plural = _("response-time promises")

    def __str__(self) -> str:
        return f"{self.category or self.get_kind_display()}: {self.confirm_within}/{self.answer_within}"


class RoutingRule(models.Model):
    """Cases of a category (in a district, if given) go to an organisation; the most specific rule wins."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routing_rules")
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="routing_rules"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="routing_rules")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "district"], name="unique_routing_rule"),
        ]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.category} {self.district or ''} → {self.organisation}"


class Review(models.TextChoices):
    """Where a text or photo a resident (or staff, for a public note) gave stands before publication."""

    PENDING = "pending", _("To review")
    APPROVED = "approved", _("Approved")
    AUTOMATIC = "automatic", _("Published automatically")
    REJECTED = "rejected", _("Not published")


# Reviews whose text the public may read.
SHOWN_REVIEWS = (Review.APPROVED, Review.AUTOMATIC)


def new_follow_token() -> str:
    return secrets.token_urlsafe(24)


class Case(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("Being handled")
        FIXED = "fixed", _("Fixed")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        DUPLICATE = "duplicate", _("Duplicate")
        NOT_OURS = "not_ours", _("Not the municipality's (forwarded)")

    class FeedbackType(models.TextChoices):
        PRAISE = "praise", _("Praise")
        COMPLAINT = "complaint", _("Complaint")
        SUGGESTION = "suggestion", _("Suggestion or idea")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        OPEN311 = "open311", "Open311"
        EMAIL = "email", _("E-mail")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    feedback_type = models.CharField(
        _("type of feedback"), max_length=12, choices=FeedbackType.choices, blank=True
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    description = models.TextField(_("description"))
    answers = models.JSONField(_("answers to the category's questions"), default=dict, blank=True)
    # Until the text is reviewed, `published_text` and `published_place` hold the proposal (the resident's
    # words with what the automatic check found removed); the public sees them only once approved.
    published_text = models.TextField(_("published text"), blank=True)
    published_place = models.CharField(_("published place"), max_length=300, blank=True)
    text_review = models.CharField(
        _("review of the text"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_at = models.DateTimeField(_("text reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("text reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_reason = models.TextField(_("why the text is not published"), blank=True)
    # Whether the case is shown publicly at all (safety reports are not, unless staff publish them).
    is_published = models.BooleanField(_("published"), default=True)
    place = models.CharField(_("place or address"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    happened_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="sv")
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    commitments = models.ManyToManyField(
        Commitment, verbose_name=_("commitments"), blank=True, related_name="cases"
    )
    source = models.CharField(
        _("received through"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    follow_token = models.CharField(max_length=64, unique=True, default=new_follow_token, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirm_due = models.DateField(_("confirmation due"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When the resident chose, through the link in our e-mails, to get no more e-mails about status changes
    # (answers from staff are still e-mailed: see framsteg.dialogue.services.notifications).
    status_emails_stopped_at = models.DateTimeField(_("status e-mails stopped"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_case_reference")]
        indexes = [
            models.Index(fields=["status", "answer_due"]),
            models.Index(fields=["kind", "created_at"]),
            models.Index(fields=["text_review"]),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """Year and number, e.g. 2026-00042: readable on the phone and in a letter."""
        return f"{self.year}-{self.number:05d}"

    @classmethod
    def next_number(cls, year: int) -> int:
        """The next number of the year; callers save inside a transaction and retry on a clash."""
        return (cls.objects.filter(year=year).aggregate(last=Max("number"))["last"] or 0) + 1


class CaseEvent(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        ROUTED = "routed", _("Routed")
        ASSIGNED = "assigned", _("Assigned")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Internal note")
        # Shown to the resident on their private follow page and e-mailed to them, never on the public pages.
        ANSWER = "answer", _("Answer to the resident")
        # A text for everyone, shown on the public pages and in Open311 once reviewed (`review`).
        PUBLIC_NOTE = "public_note", _("Public note")
        REVIEWED = "reviewed", _("Reviewed for publication")
        MERGED = "merged", _("Merged as a duplicate")
        LINKED = "linked", _("Linked to a commitment")
        PUBLISHED = "published", _("Published text changed")
        EMAILED = "emailed", _("E-mail sent")
        REMINDED = "reminded", _("Reminder sent")
        PERSONAL_DATA_REMOVED = "personal_data_removed", _("Personal data removed")
        # Shown to the resident on their private follow page and to staff, never on the public pages.
        RESIDENT = "resident", _("Message from the resident")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    is_public = models.BooleanField(_("shown to the resident"), default=False)
    # For a public note: whether it has been reviewed; empty for every other kind.
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


class Photo(models.Model):
    """A resident's photo, stored without its metadata (no GPS position, no camera data)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="cases/%Y/%m/", blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    is_public = models.BooleanField(_("published"), default=False)
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name or str(self.pk)


class ApiKey(models.Model):
    """A key for an Open311 client that posts reports. Only a hash is stored; the key is shown once."""

    name = models.CharField(_("name"), max_length=200)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyKey(models.Model):
    """A report sent with an idempotency key, so that a retry with the same key returns the first report.

    Open311 clients send the key in the `Idempotency-Key` header (scope "open311:" and the API key's prefix);
    the web form carries a one-time token in a hidden field (scope "web"). `fingerprint` is a hash of what
    was sent: the same key with other content is refused. Kept DIALOGUE_IDEMPOTENCY_HOURS, then removed by
    `remove-expired-idempotency-keys`.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="dialogue_idempotency_unique")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
