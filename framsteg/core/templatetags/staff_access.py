"""What the staff shell shows a user, asked of the access interface."""

from django import template

from framsteg.core.access import access_for

register = template.Library()


@register.filter
def is_administrator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access_for(user).is_administrator
