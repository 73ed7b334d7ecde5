from django.contrib import admin

from framsteg.places.models import District


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "latitude", "longitude"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
