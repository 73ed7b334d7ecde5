"""`{{ user|display_name }}`: a member of staff by full name or organisation, never by user name."""

from django import template

from framsteg.organisations.names import display_name as name_of

register = template.Library()


@register.filter
def display_name(user) -> str:
    return name_of(user)
