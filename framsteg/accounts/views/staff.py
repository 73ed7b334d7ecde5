"""Log-in with a second factor, the user's own account page, and the people and roles pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.accounts import otp, rules, selectors, services, sessions
from framsteg.accounts.forms import (
    AssignRoleForm,
    CodeForm,
    EnrolForm,
    LogInForm,
    UnlockAddressForm,
    lock_message,
)
from framsteg.accounts.models import LoginLock
from framsteg.core.access import access_for
from framsteg.core.decorators import staff_page
from framsteg.organisations import services as organisation_services
from framsteg.organisations.models import Membership


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# Log-in


class LogInView(auth_views.LoginView):
    """The password first; then the code page if the user has a second factor, or enrolment if their roles
    require one."""

    form_class = LogInForm
    template_name = "accounts/staff/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_success_url()
        if selectors.has_second_factor(user):
            sessions.begin_pending(self.request.session, user, next_url)
            return HttpResponseRedirect(reverse("staff:login-code"))
        if access_for(user).needs_second_factor:
            sessions.begin_pending(self.request.session, user, next_url)
            return HttpResponseRedirect(reverse("staff:enrol"))
        services.log_in(self.request, user)
        return HttpResponseRedirect(next_url)


def subject(request: HttpRequest):
    """Whose second factor the code and enrolment pages are about: the logged-in user, or the user whose
    password was just given."""
    if request.user.is_authenticated:
        return request.user
    return sessions.pending_user(request.session)


def next_url(request: HttpRequest) -> str:
    pending = sessions.pending(request.session)
    candidate = request.POST.get("next") or request.GET.get("next") or (pending or {}).get("next")
    return safe_next(request, candidate, reverse("staff:home"))


def login_code(request: HttpRequest) -> HttpResponse:
    user = subject(request)
    if user is None:
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("staff:login")
    if request.user.is_authenticated and sessions.is_verified(request.session, user):
        return HttpResponseRedirect(next_url(request))
    if not selectors.has_second_factor(user):
        return redirect("staff:enrol")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        address = selectors.client_address(request)
        lock = selectors.active_lock(user.get_username(), address)
        if lock is None:
            device = services.check_second_factor(user, form.cleaned_data["code"], address)
            if device is not None:
                destination = next_url(request)
                services.log_in(request, user, device=device)
                return HttpResponseRedirect(destination)
            lock = selectors.active_lock(user.get_username(), address)
        if lock is not None:
            form.add_error(None, lock_message(lock))
        else:
            form.add_error(
                "code",
                _(
                    "The code is wrong or has expired. Write the six digits the app shows now, or an unused "
                    "recovery code."
                ),
            )
    return render(
        request, "accounts/staff/code.html", {"form": form, "forms": [form], "next": next_url(request)}
    )


def enrol(request: HttpRequest) -> HttpResponse:
    user = subject(request)
    if user is None:
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("staff:login")
    verified = request.user.is_authenticated and sessions.is_verified(request.session, user)
    if selectors.has_second_factor(user) and not verified:
        # Replacing a second factor needs the old one first.
        return redirect("staff:login-code")
    secret = request.session.get(sessions.ENROLMENT_SECRET)
    if not secret:
        secret = request.session[sessions.ENROLMENT_SECRET] = otp.new_secret()
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        step = otp.matching_step(secret, form.cleaned_data["code"])
        if step is not None:
            destination = next_url(request)
            device, codes = services.enrol_second_factor(user, secret, step)
            services.log_in(request, user, device=device)
            return render(
                request,
                "accounts/staff/recovery_codes.html",
                {"codes": codes, "next": destination, "new": True},
            )
        form.add_error(
            "code",
            _(
                "The code does not match. Check that the app shows framsteg and that the phone's clock is "
                "right, then write the code it shows now."
            ),
        )
    uri = otp.config_uri(user, secret)
    return render(
        request,
        "accounts/staff/enrol.html",
        {
            "form": form,
            "forms": [form],
            "secret": otp.grouped(secret),
            "qr": otp.qr_svg(uri, _("QR code with the key for your authenticator app")),
            "issuer": otp.issuer(),
            "account_name": user.get_username(),
            "required": access_for(user).needs_second_factor,
            "next": next_url(request),
        },
    )


# The user's own account


@staff_page(rules.may_use_own_account)
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/staff/account.html",
        {
            "nav": "staff",
            "person": selectors.person(user),
            "codes_left": selectors.recovery_codes_left(user),
        },
    )


@staff_page(rules.may_use_own_account)
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not selectors.has_second_factor(request.user):
        return redirect("staff:enrol")
    codes = services.regenerate_recovery_codes(request.user)
    return render(
        request, "accounts/staff/recovery_codes.html", {"codes": codes, "next": reverse("staff:account")}
    )


@staff_page(rules.may_use_own_account)
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.change_password(request, form)
        messages.success(request, _("Your password is changed. Your other sessions have been logged out."))
        return redirect("staff:account")
    return render(
        request, "accounts/staff/password_change.html", {"nav": "staff", "form": form, "forms": [form]}
    )


@staff_page(rules.may_use_own_account)
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    services.log_out_everywhere(request)
    messages.success(request, _("You are logged out everywhere: on this device and all others."))
    return redirect("staff:login")


# People and roles


@staff_page(rules.can_manage_people)
def people(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/staff/people.html",
        {
            "nav": "staff",
            "people": selectors.people(),
            "address_locks": selectors.active_address_locks(),
        },
    )


@staff_page(rules.can_manage_people)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    form = AssignRoleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_services.assign_role(
                user,
                form.cleaned_data["organisation"],
                form.cleaned_data["role"],
                districts=form.cleaned_data["districts"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The role is assigned."))
            return redirect("staff:person", pk=user.pk)
    return render(
        request,
        "accounts/staff/person.html",
        {"nav": "staff", "person": selectors.person(user), "form": form, "forms": [form]},
    )


@staff_page(rules.can_manage_people)
@require_POST
def revoke_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_pk, user_id=pk)
    organisation_services.revoke_role(membership, by=request.user)
    messages.success(request, _("The role is removed."))
    return redirect("staff:person", pk=pk)


@staff_page(rules.can_manage_people)
@require_POST
def unlock_person(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    services.unlock(LoginLock.Scope.ACCOUNT, user.get_username(), by=request.user)
    messages.success(request, _("The account is unlocked."))
    return redirect("staff:person", pk=pk)


@staff_page(rules.can_manage_people)
@require_POST
def reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    services.reset_second_factor(user, by=request.user)
    messages.success(
        request, _("The second factor is removed. The person sets up a new one the next time they log in.")
    )
    return redirect("staff:person", pk=pk)


@staff_page(rules.can_manage_people)
@require_POST
def unlock_address(request: HttpRequest) -> HttpResponse:
    form = UnlockAddressForm(request.POST)
    if form.is_valid():
        services.unlock(LoginLock.Scope.ADDRESS, form.cleaned_data["address"], by=request.user)
        messages.success(request, _("The address is unlocked."))
    return redirect("staff:people")
