from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from framsteg.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("personal/arenden/", include("framsteg.dialogue.staff_urls")),
    path("personal/", include("framsteg.staff.urls")),
    path("open311/v2/", include("framsteg.dialogue.open311.urls")),
    path("indikatorer/", include("framsteg.indicators.urls")),
    path("", include("framsteg.dialogue.urls")),
    path("", include("framsteg.public.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
