"""Who steers and who answers for what: the council, committees, administrations, companies, partners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from framsteg.core.access import Role


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Municipal council")
        EXECUTIVE = "executive", _("Municipal executive board")
        COMMITTEE = "committee", _("Committee")
        ADMINISTRATION = "administration", _("Administration")
        COMPANY = "company", _("Municipal company")
        PARTNER = "partner", _("External partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Words, separated by commas, that show a commitment belongs to this organisation. "
            "Used to suggest owners when a document is imported."
        ),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]


class Membership(models.Model):
    """A role a person holds in an organisation, scoped to it and the organisations below it.

    What each role may do is decided by each app's `rules.py`; `framsteg.organisations.access` resolves a
    user's memberships once per request.
    """

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    districts = models.ManyToManyField(
        "places.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="memberships",
        help_text=_(
            "For partners: the districts whose shared information they see. None means the whole "
            "municipality."
        ),
    )

    class Meta:
        unique_together = [("user", "organisation", "role")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
