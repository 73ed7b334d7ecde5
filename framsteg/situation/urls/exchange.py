"""Pages of the situation picture: partners' files (import) and their systems' API keys."""

from django.urls import path

from framsteg.situation.views.partner import exchange

urlpatterns = [
    path("importera/", exchange.import_upload, name="import"),
    path("importera/bekrafta/", exchange.import_confirm, name="import-confirm"),
    path("api-nycklar/", exchange.api_keys, name="api-keys"),
    path("api-nycklar/<int:pk>/aterkalla/", exchange.api_key_revoke, name="api-key-revoke"),
]
