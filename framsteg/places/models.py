"""Places in the municipality: its districts (kommundelar), shared by reports, the situation picture and
reports for the council. The outline, place names and map drawing are in `framsteg.places.geo`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A kommundel, with one representative point used to place reports that give a position."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    point_source = models.TextField(_("where the point comes from"), blank=True)

    class Meta:
        db_table = "dialogue_district"  # the table it has had since districts were the dialogue's alone
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name
