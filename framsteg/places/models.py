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


class Area(models.Model):
    """A statistical area (such as SCB's RegSO) with its polygon, drawn on the maps of reports.

    Areas are not the districts: no source maps one onto the other. Each area is shown with the district
    whose representative point is nearest to a point inside it, as `framsteg.places.geo` places reports.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
        help_text=_("The district whose point is nearest to the area; not an official boundary."),
    )
    geometry = models.JSONField(_("polygon"), help_text=_("A GeoJSON Polygon or MultiPolygon in WGS84."))
    source = models.TextField(_("where the polygon comes from"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("statistical area")
        verbose_name_plural = _("statistical areas")

    def __str__(self) -> str:
        return self.name
