"""`{% actions_answering incident as answering %}`: the actions that answer a report, for its feedback."""

from django import template

from framsteg.situation.selectors.feedback import actions_answering as answering

register = template.Library()


@register.simple_tag
def actions_answering(incident):
    if incident is None or not getattr(incident, "pk", None):
        return []
    return answering(incident)
