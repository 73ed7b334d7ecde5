"""The frame's menus: `{% main_menu nav %}`, `{% footer_links %}` and `{% staff_menu current %}`."""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url

from framsteg.core import navigation

register = template.Library()


@register.inclusion_tag("core/main_menu.html", takes_context=True)
def main_menu(context, nav=""):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "items": navigation.links(navigation.MAIN, user),
        "nav": nav,
        "user": user,
        "staff_home_url": resolve_url(settings.LOGIN_REDIRECT_URL),
        "login_url": resolve_url(settings.LOGIN_URL),
    }


@register.inclusion_tag("core/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    return {"items": navigation.links(navigation.FOOTER, getattr(request, "user", None))}


@register.inclusion_tag("core/staff/menu.html", takes_context=True)
def staff_menu(context, current=""):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "items": navigation.links(navigation.STAFF, user),
        "current": current,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "logout_url": resolve_url(settings.LOGOUT_URL),
    }
