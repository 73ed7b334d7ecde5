"""Reading Open311 parameters, with the spec's rule that an empty optional parameter is an absent one.

Real clients send `api_key=` and `jurisdiction_id=` empty, put parameters of a POST in its query string, and
forget to encode the "+" of a time-zone offset (which then arrives as a space). Everything here accepts that
and refuses only what cannot be understood, with a 400 that names the parameter.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from framsteg.dialogue.open311.render import Open311Error
from framsteg.dialogue.workdays import STOCKHOLM

MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
# Any page beyond the last is empty; beyond this one its offset would no longer fit the database's integers.
MAX_PAGE = 10**9
# Dates a client may give: enough for any question about the cases, and far from the ends of what Python and
# the database can hold once the 90-day window and time zones are applied.
FIRST_YEAR, LAST_YEAR = 1900, 2999
OPEN, CLOSED = "open", "closed"
MEDIA_URL_MAX_LENGTH = 2000

_DATE_ONLY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")
# "2026-05-01T10:00:00 02:00": a "+" that was not percent-encoded in the query string.
_UNENCODED_PLUS = re.compile(r"^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}(?::?\d{2})?)$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


def value(data: QueryDict, name: str) -> str:
    """The parameter's last non-empty value, trimmed; "" when it is absent or empty.

    The last one wins, so that in a POST a value in the body overrides one in the query string (see
    `post_parameters`), and an empty one never hides a given one.
    """
    given = [item.strip() for item in data.getlist(name) if item.strip()]
    return given[-1] if given else ""


def post_parameters(query: QueryDict, body: QueryDict) -> QueryDict:
    """The parameters of a POST: those in its query string, then those in its body."""
    merged = query.copy()
    for key, items in body.lists():
        merged.setlistdefault(key, []).extend(items)
    return merged


def flag(data: QueryDict, name: str) -> bool:
    """A true/false parameter: "true" (or "1") turns it on; absent, empty, "false" or "0" leave it off."""
    text = value(data, name).lower()
    if text in ("", "false", "0"):
        return False
    if text in ("true", "1"):
        return True
    raise Open311Error(400, _("%(name)s must be true or false.") % {"name": name})


def comma_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_datetime(name: str, text: str) -> datetime | None:
    """A W3C/ISO 8601 date-time with a time zone, or a bare date (midnight in Stockholm); None if empty."""
    if not text:
        return None
    text = _UNENCODED_PLUS.sub(r"\1+\2", text)
    try:
        if _DATE_ONLY.match(text):
            parsed = datetime.combine(date.fromisoformat(text), time.min, tzinfo=STOCKHOLM)
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(
            400,
            _("%(name)s must be a date and time in ISO 8601 form, e.g. 2026-05-01T00:00:00+02:00.")
            % {"name": name},
        ) from None
    if parsed.tzinfo is None:
        raise Open311Error(
            400,
            _("%(name)s must include a time zone, e.g. 2026-05-01T00:00:00+02:00 or 2026-04-30T22:00:00Z.")
            % {"name": name},
        )
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise Open311Error(
            400,
            _("%(name)s must be in the years %(first)s to %(last)s.")
            % {"name": name, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return parsed


def date_range(
    data: QueryDict, start_name: str, end_name: str, now: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """A window of at most 90 days.

    With neither end given the window is the 90 days before `now`, or open when `now` is None; with one end
    given it reaches 90 days from that end.
    """
    start = parse_datetime(start_name, value(data, start_name))
    end = parse_datetime(end_name, value(data, end_name))
    if start is None and end is None:
        return (None, None) if now is None else (now - MAX_SPAN, now)
    if end is None:
        return start, start + MAX_SPAN
    if start is None:
        return end - MAX_SPAN, end
    if start > end:
        raise Open311Error(
            400, _("%(start)s is later than %(end)s.") % {"start": start_name, "end": end_name}
        )
    if end - start > MAX_SPAN:
        raise Open311Error(
            400,
            _("%(start)s and %(end)s may be at most 90 days apart.") % {"start": start_name, "end": end_name},
        )
    return start, end


def _positive_integer(data: QueryDict, name: str, default: int, most: int) -> int:
    """A whole number written in ASCII digits, from 1 up; anything above `most` counts as `most`."""
    text = value(data, name).lstrip("0") or value(data, name)
    if not text:
        return default
    if not _WHOLE_NUMBER.match(text) or int(text[:19]) < 1:
        raise Open311Error(400, _("%(name)s must be a whole number from 1 up.") % {"name": name})
    return most if len(text) > 18 else min(int(text), most)


@dataclass
class RequestQuery:
    """The filters of GET requests."""

    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    requested: tuple[datetime | None, datetime | None] = (None, None)
    updated: tuple[datetime | None, datetime | None] = (None, None)
    page: int = 1
    page_size: int = MAX_RESULTS


def request_query(data: QueryDict, now: datetime | None = None) -> RequestQuery:
    """Parse the filters of GET requests.

    `service_request_id` overrides every other filter. Without any date filter the list covers the 90 days
    before now (by requested_datetime); `updated_after`/`updated_before` (an extension) filter by
    updated_datetime instead and are held to the same 90 days.
    """
    page = _positive_integer(data, "page", 1, MAX_PAGE)
    page_size = _positive_integer(data, "page_size", MAX_RESULTS, MAX_RESULTS)
    ids = comma_list(value(data, "service_request_id"))
    if len(ids) > MAX_RESULTS:
        raise Open311Error(
            400, _("service_request_id may name at most %(count)s requests.") % {"count": MAX_RESULTS}
        )
    if ids:
        return RequestQuery(ids=ids, page=page, page_size=page_size)
    statuses = [status.lower() for status in comma_list(value(data, "status"))]
    if any(status not in (OPEN, CLOSED) for status in statuses):
        raise Open311Error(400, _("status must be open or closed, or both separated by a comma."))
    updated = date_range(data, "updated_after", "updated_before", None)
    now = now or timezone.now()
    requested = date_range(data, "start_date", "end_date", None if updated != (None, None) else now)
    return RequestQuery(
        service_codes=comma_list(value(data, "service_code")),
        statuses=statuses,
        requested=requested,
        updated=updated,
        page=page,
        page_size=page_size,
    )


@dataclass
class NewRequest:
    """The fields of POST requests, read and checked for form; the case itself is checked by intake."""

    service_code: str
    latitude: float | None
    longitude: float | None
    address: str
    description: str
    email: str
    name: str
    phone: str
    media_url: str
    attributes: dict[str, list[str]]


def _coordinate(data: QueryDict, name: str) -> float | None:
    text = value(data, name)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise Open311Error(400, _("%(name)s must be a decimal number (WGS84).") % {"name": name})
    return number


def _is_web_address(text: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return len(text) <= MEDIA_URL_MAX_LENGTH


def attributes(data: QueryDict) -> dict[str, list[str]]:
    """`attribute[code]=value` and `attribute[code][]=value` (repeated for several); empty ones ignored."""
    found: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match is None:
            continue
        values = [item.strip() for item in data.getlist(key) if item.strip()]
        if values:
            found.setdefault(match.group(1), []).extend(values)
    return found


def new_request(data: QueryDict) -> NewRequest:
    """Read the parameters of POST requests, or raise a 400 naming what is missing or malformed."""
    service_code = value(data, "service_code")
    if not service_code:
        raise Open311Error(400, _("service_code is missing."))
    latitude, longitude = _coordinate(data, "lat"), _coordinate(data, "long")
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, _("lat and long must be given together."))
    address = value(data, "address_string") or value(data, "address_id")
    if latitude is None and not address:
        raise Open311Error(400, _("A location is missing: give lat and long, address_string or address_id."))
    # The spec allows no HTML in a description; keep the text a client sent and drop its tags.
    description = strip_tags(value(data, "description")).strip()
    media_url = value(data, "media_url")
    if media_url and not _is_web_address(media_url):
        raise Open311Error(400, _("media_url must be an http or https address."))
    name = " ".join(part for part in (value(data, "first_name"), value(data, "last_name")) if part)
    return NewRequest(
        service_code=service_code,
        latitude=latitude,
        longitude=longitude,
        address=address,
        description=description,
        email=value(data, "email"),
        name=name,
        phone=value(data, "phone"),
        media_url=media_url,
        attributes=attributes(data),
    )
