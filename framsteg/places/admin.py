from django.contrib import admin

from framsteg.places.models import Area, District


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "latitude", "longitude"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district"]
    list_filter = ["district"]
    search_fields = ["code", "name"]
