"""Django's own words that public pages show: the month names in dates, the log-in form's labels.

Django ships no Somali catalogue, so its month names would come out in the fallback language. They are listed
here to be extracted into framsteg's catalogues, where they are translated; a translation in framsteg's
catalogue takes precedence over Django's own.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

# The log-in form, reached from every page's menu.
LOG_IN = [gettext_noop("Username"), gettext_noop("username"), gettext_noop("Password")]
