"""Staff pages for accounts, spliced into the `staff` namespace by framsteg/staff/urls.py (so the log-in
keeps its name, staff:login)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from framsteg.accounts.views import staff

urlpatterns = [
    path("logga-in/", staff.LogInView.as_view(), name="login"),
    path("logga-in/kod/", staff.login_code, name="login-code"),
    path("logga-in/tvastegsverifiering/", staff.enrol, name="enrol"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", staff.account, name="account"),
    path("konto/losenord/", staff.password_change, name="password-change"),
    path("konto/reservkoder/", staff.recovery_codes, name="recovery-codes"),
    path("konto/logga-ut-overallt/", staff.logout_everywhere, name="logout-everywhere"),
    path("personer/", staff.people, name="people"),
    path("personer/adress/las-upp/", staff.unlock_address, name="unlock-address"),
    path("personer/<int:pk>/", staff.person, name="person"),
    path("personer/<int:pk>/roller/<int:membership_pk>/ta-bort/", staff.revoke_role, name="revoke-role"),
    path("personer/<int:pk>/las-upp/", staff.unlock_person, name="unlock-person"),
    path(
        "personer/<int:pk>/tvastegsverifiering/aterstall/",
        staff.reset_second_factor,
        name="reset-second-factor",
    ),
]
