"""The site's URLs, composed from each app's URL modules by audience.

Namespaces: `public` (the plan), `staff` (staff pages of the plan, log-in), `cases` (case handling), `audit`,
`dialogue` (residents' and public report pages), `indicators`, `indicators-staff` (goals' indicators and
targets), `situation` (the joint situation picture's pages for the collaboration), `situation-public`,
`budget` and `budget-public`, `following`, `open311`, `api-1`.
"""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from framsteg.accounts.urls import staff as accounts_staff
from framsteg.api.api import api
from framsteg.api.api import not_found as api_not_found
from framsteg.dialogue.urls import public as dialogue_public
from framsteg.dialogue.urls import resident as dialogue_resident
from framsteg.steering.urls import staff as steering_staff

urlpatterns = [
    # One log-in page for the site and the admin: the throttled one, with the second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="staff:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>(?s:.*))$", api_not_found, name="api-not-found"),
    path("personal/arenden/", include("framsteg.dialogue.urls.staff")),
    path("personal/lagesbild/", include("framsteg.situation.urls.partner")),
    path("personal/fullmaktige/", include("framsteg.reports.urls.staff")),
    path("personal/budget/", include("framsteg.budget.urls.staff")),
    path("personal/indikatorer/", include("framsteg.indicators.urls.staff")),
    path("personal/", include("framsteg.audit.urls.staff")),
    path("personal/", include((steering_staff.urlpatterns + accounts_staff.urlpatterns, "staff"))),
    path("open311/v2/", include("framsteg.dialogue.open311.urls")),
    path("indikatorer/", include("framsteg.indicators.urls.public")),
    path("lagesbild/", include("framsteg.situation.urls.public")),
    path("budget/", include("framsteg.budget.urls.public")),
    path("folj/", include("framsteg.following.urls.public")),
    path("", include((dialogue_resident.urlpatterns + dialogue_public.urlpatterns, "dialogue"))),
    path("", include("framsteg.steering.urls.public")),
]

handler400 = "framsteg.core.errors.bad_request"
handler403 = "framsteg.core.errors.permission_denied"
handler404 = "framsteg.core.errors.page_not_found"
handler500 = "framsteg.core.errors.server_error"
