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


@register.simple_tag(takes_context=True)
def site_banners(context) -> str:
    """Notices that higher apps show at the top of every page (e.g. that the follow-up is example data)."""
    from django.utils.html import format_html_join

    from framsteg.core import panels

    request = context.get("request")
    if request is None:
        return ""
    return format_html_join("", "{}", ((html,) for html in panels.render("core.banner", request)))
