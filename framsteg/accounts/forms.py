"""Log-in, code, enrolment and role forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.accounts import selectors, services
from framsteg.accounts.models import LoginLock
from framsteg.core.access import Role
from framsteg.organisations.models import Organisation
from framsteg.places.models import District


def lock_message(lock: LoginLock) -> str:
    minutes = selectors.minutes_left(lock)
    if lock.scope == LoginLock.Scope.ADDRESS:
        text = ngettext(
            "Too many failed log-in attempts have been made from your network. Log-in is blocked for "
            "%(minutes)s more minute. Wait and try again, or ask an administrator to unlock it.",
            "Too many failed log-in attempts have been made from your network. Log-in is blocked for "
            "%(minutes)s more minutes. Wait and try again, or ask an administrator to unlock it.",
            minutes,
        )
    else:
        text = ngettext(
            "Too many failed log-in attempts have been made for this account. It is locked for "
            "%(minutes)s more minute. Wait and try again, or ask an administrator to unlock it.",
            "Too many failed log-in attempts have been made for this account. It is locked for "
            "%(minutes)s more minutes. Wait and try again, or ask an administrator to unlock it.",
            minutes,
        )
    return text % {"minutes": minutes}


class LogInForm(AuthenticationForm):
    """Django's log-in form, refusing locked accounts and addresses before the password is even checked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or the password is wrong. Both are case-sensitive. Try again, or ask the "
            "administrator to reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or password is None:
            return self.cleaned_data
        address = selectors.client_address(self.request) if self.request else None
        lock = selectors.active_lock(username, address)
        if lock is not None:
            raise ValidationError(lock_message(lock), code="locked")
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            lock = services.record_failed_login(username, address)
            if lock is not None:
                raise ValidationError(lock_message(lock), code="locked")
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Write the code.")},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        help_text=_("The six digits the app shows after you have added the key."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Write the six-digit code the app shows.")},
    )


class AssignRoleForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose an organisation.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *Role.choices],
        error_messages={"required": _("Choose a role.")},
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts (partners only)"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for the whole municipality."),
    )


class UnlockAddressForm(forms.Form):
    address = forms.GenericIPAddressField(label=_("Address"))
