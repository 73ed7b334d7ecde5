"""Incident reports from the partners' own systems: a CSV or XLSX export imported as a file, or a batch sent
to the API. Both go through the same rows: every row is read and checked (event type, place, time, the
organisation it is reported for) before anything is saved, and a batch is saved whole or not at all.

The format is described for users in docs/incidents-format.md. A row's `external_id` is the partner's own
reference: the same reference again for the same organisation updates that report instead of adding a
second one.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.core.csv import Problem, cell_text, numbered_rows
from framsteg.organisations.models import Organisation
from framsteg.situation import summaries
from framsteg.situation.models import Incident, IncidentCategory, NamedPlace
from framsteg.situation.services.incidents import (
    IncidentData,
    Location,
    check,
    record_incident,
    resolve_location,
    update_incident,
)

# Public functions here that only read or compute; every other public function is @audited.
READS = ("read_file", "read_items", "swedish_name")

# Each column: its English name (the API's field name too), then the Swedish name the docs give, then other
# names a header may use. Names are compared case-insensitively, with "_" and "-" read as spaces.
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("datum",),
    "time": ("tid", "klockslag"),
    "end_date": ("slutdatum", "till datum"),
    "end_time": ("sluttid", "till tid"),
    "category": ("händelsetyp", "kategori", "typ"),
    "place": ("plats", "platsnamn"),
    "latitude": ("latitud", "lat"),
    "longitude": ("longitud", "lon", "long"),
    "setting": ("typ av plats", "platstyp"),
    "events": ("antal", "antal händelser", "number of events"),
    "description": ("beskrivning",),
    "assessment": ("bedömning",),
    "police_report": ("polisanmälan", "polisanmäld", "police reported"),
    "organisation": ("organisation", "rapporterande organisation", "organization"),
    "external_id": ("referens", "extern referens", "external reference", "reference"),
}
REQUIRED = ("date", "category")
MAX_PROBLEMS = 200
MAX_ROWS = 10_000
PLACE_TEXT_MAX = 300
EXTERNAL_ID_MAX = 100


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


HEADER_NAMES = {_header_key(name): column for column, names in COLUMNS.items() for name in (column, *names)}
YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nej", "n", "no", "false", "0"}
SETTINGS = {
    "public": NamedPlace.Setting.PUBLIC,
    "offentlig": NamedPlace.Setting.PUBLIC,
    "offentlig plats": NamedPlace.Setting.PUBLIC,
    "semi public": NamedPlace.Setting.SEMI_PUBLIC,
    "semipublic": NamedPlace.Setting.SEMI_PUBLIC,
    "halvoffentlig": NamedPlace.Setting.SEMI_PUBLIC,
    "halvoffentlig plats": NamedPlace.Setting.SEMI_PUBLIC,
}
# Which column a problem the incident service finds belongs to, in order of preference.
FIELD_COLUMNS = {
    "category": ("category",),
    "occurred_at": ("date", "time"),
    "ended_at": ("end_date", "end_time"),
    "events": ("events",),
    "setting": ("setting",),
    "place": ("latitude", "place", "longitude"),
}
_TIME = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?")


def swedish_name(column: str) -> str:
    return COLUMNS[column][0]


@dataclass
class IncidentRow:
    """One checked row: what it says, for which organisation, where it resolved, and the report it updates."""

    number: int
    data: IncidentData
    organisation: Organisation
    location: Location | None = None
    existing: Incident | None = None


@dataclass
class Exchange:
    """What reading a file or a batch found: the problems (then nothing is saved) or the rows to save, and
    after saving, the reports created and updated."""

    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    rows: list[IncidentRow] = field(default_factory=list)
    created: list[Incident] = field(default_factory=list)
    updated: list[Incident] = field(default_factory=list)
    saved: list[Incident] = field(default_factory=list)  # created or updated, in the order of the rows

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems += 1

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if self.more_problems:
            lines.append(_("… and %(count)s more problems.") % {"count": self.more_problems})
        return "\n".join(lines)

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.existing is not None)

    @property
    def events(self) -> int:
        return sum(int(row.data.events) for row in self.rows)

    def by_category(self) -> list[tuple[str, int]]:
        counts = Counter(row.data.category.label() for row in self.rows)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def by_district(self) -> list[tuple[str, int]]:
        counts = Counter(
            row.location.district.name
            if row.location and row.location.district
            else _("No district (outside every district)")
            for row in self.rows
        )
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def by_organisation(self) -> list[tuple[str, int]]:
        counts = Counter(row.organisation.name for row in self.rows)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class RowReader:
    """Turns one row's cells (by column) into an IncidentRow, reporting each bad cell with its column."""

    def __init__(
        self,
        labels: Mapping[str, str],
        *,
        allowed_organisations: frozenset[int] | None,
        organisation: Organisation | None = None,
    ) -> None:
        self.labels = dict(labels)
        self.allowed = allowed_organisations
        self.default_organisation = organisation
        self.categories: dict[str, IncidentCategory] = {}
        for category in IncidentCategory.objects.prefetch_related("children"):
            self.categories.setdefault(category.name.casefold(), category)
            self.categories[category.code.casefold()] = category
        self.places: dict[str, NamedPlace] = {}
        for place in NamedPlace.objects.filter(is_active=True).select_related("district", "area"):
            self.places.setdefault(place.name.casefold(), place)
            self.places[place.slug.casefold()] = place
        self.organisations: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            self.organisations.setdefault(organisation.name.casefold(), organisation)
            self.organisations[organisation.slug.casefold()] = organisation

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def read(self, number: int, cells: Mapping[str, object], found: Exchange) -> IncidentRow | None:
        problems: list[Problem] = []

        def refuse(column: str, message: str) -> None:
            problems.append(Problem(message, number, self.label(column)))

        category = self._category(cells.get("category"), refuse)
        organisation = self._organisation(cells.get("organisation"), refuse)
        occurred_at, time_known = self._when(cells.get("date"), cells.get("time"), "date", "time", refuse)
        ended_at = None
        if cell_text(cells.get("end_date")) or cell_text(cells.get("end_time")):
            end_date = cells.get("end_date") if cell_text(cells.get("end_date")) else cells.get("date")
            ended_at, _known = self._when(end_date, cells.get("end_time"), "end_date", "end_time", refuse)
        latitude = self._coordinate(cells.get("latitude"), "latitude", refuse)
        longitude = self._coordinate(cells.get("longitude"), "longitude", refuse)
        place_text = cell_text(cells.get("place"))
        named_place = None
        if len(place_text) > PLACE_TEXT_MAX:
            refuse("place", _("A place has at most %(count)s characters.") % {"count": PLACE_TEXT_MAX})
        elif latitude is None and longitude is None and place_text:
            named_place = self.places.get(place_text.casefold())
        setting = self._setting(cells.get("setting"), refuse)
        events = self._events(cells.get("events"), refuse)
        police_reported = self._yes_no(cells.get("police_report"), refuse)
        external_id = cell_text(cells.get("external_id"))
        if len(external_id) > EXTERNAL_ID_MAX:
            message = _("A reference has at most %(count)s characters.") % {"count": EXTERNAL_ID_MAX}
            refuse("external_id", message)
        if problems:
            for problem in problems:
                found.add(problem)
            return None
        data = IncidentData(
            category=category,
            occurred_at=occurred_at,
            ended_at=ended_at,
            time_known=time_known,
            events=events,
            named_place=named_place,
            place_text="" if named_place else place_text,
            latitude=latitude,
            longitude=longitude,
            setting=setting,
            description=cell_text(cells.get("description")),
            assessment=cell_text(cells.get("assessment")),
            police_reported=police_reported,
            external_id=external_id,
        )
        row = IncidentRow(number, data, organisation)
        try:
            check(data)
            row.location = resolve_location(data)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = self._column_for(name, cells)
                for message in messages:
                    found.add(Problem(message, number, self.label(column)))
            return None
        return row

    def _column_for(self, name: str, cells: Mapping[str, object]) -> str:
        candidates = FIELD_COLUMNS.get(name, (name,))
        for column in candidates:
            if column in self.labels and cell_text(cells.get(column)):
                return column
        for column in candidates:
            if column in self.labels:
                return column
        return candidates[0]

    def _category(self, cell: object, refuse) -> IncidentCategory | None:
        text = cell_text(cell)
        if not text:
            refuse(
                "category", _("The event type is missing. Write its code or its Swedish name, e.g. klotter.")
            )
            return None
        category = self.categories.get(text.casefold())
        if category is None or not category.is_active:
            message = _("There is no event type “%(text)s” in use. Write its code or its Swedish name.")
            refuse("category", message % {"text": text})
            return None
        children = [child for child in category.children.all() if child.is_active]
        if children:
            message = _("“%(group)s” is a group of event types; write one of them: %(types)s.")
            types = ", ".join(f"{child.code} ({child.name})" for child in children)
            refuse("category", message % {"group": category.name, "types": types})
            return None
        return category

    def _organisation(self, cell: object, refuse) -> Organisation | None:
        text = cell_text(cell)
        if not text:
            if self.default_organisation is None:
                message = _("The reporting organisation is missing. Write its short name (slug) or its name.")
                refuse("organisation", message)
            return self.default_organisation
        organisation = self.organisations.get(text.casefold())
        if organisation is None:
            message = _("There is no organisation “%(text)s”. Write its short name (slug) or its name.")
            refuse("organisation", message % {"text": text})
            return None
        if self.allowed is not None and organisation.pk not in self.allowed:
            names = sorted(org.name for org in self.organisations.values() if org.pk in self.allowed)
            message = _("You may not report for “%(name)s”. You may report for: %(names)s.")
            refuse(
                "organisation",
                message % {"name": organisation.name, "names": ", ".join(dict.fromkeys(names)) or "–"},
            )
            return None
        return organisation

    def _when(self, date_cell, time_cell, date_column, time_column, refuse):
        """The moment in the municipality's time zone, and whether the time of day is known."""
        day, time_in_date = _date(date_cell)
        if day is None:
            text = cell_text(date_cell)
            if text:
                message = _("“%(text)s” is not a date. Write it as 2026-03-01.") % {"text": text}
            else:
                message = _("The date is missing. Write it as 2026-03-01.")
            refuse(date_column, message)
            return None, False
        moment = _time(time_cell)
        if moment is False:
            message = _("“%(text)s” is not a time of day. Write it as 14:30, or leave the cell empty.")
            refuse(time_column, message % {"text": cell_text(time_cell)})
            return None, False
        if moment is None:
            moment = time_in_date
        known = moment is not None
        local = datetime.datetime.combine(day, moment or datetime.time(0, 0))
        return timezone.make_aware(local), known

    def _coordinate(self, cell: object, column: str, refuse) -> float | None:
        if isinstance(cell, bool):
            refuse(column, _("“%(text)s” is not a coordinate.") % {"text": cell})
            return None
        if isinstance(cell, int | float):
            return float(cell)
        text = cell_text(cell)
        if not text:
            return None
        try:
            value = float(text.replace(",", ".").replace("−", "-"))
        except ValueError:
            message = _("“%(text)s” is not a coordinate. Write decimal degrees, e.g. 59.2475 or 59,2475.")
            refuse(column, message % {"text": text})
            return None
        if value != value or abs(value) > 180:
            refuse(column, _("“%(text)s” is not a coordinate.") % {"text": text})
            return None
        return value

    def _setting(self, cell: object, refuse) -> str:
        text = _header_key(cell_text(cell))
        if not text:
            return NamedPlace.Setting.PUBLIC
        setting = SETTINGS.get(text)
        if setting is None:
            message = _(
                "“%(text)s” is not a kind of place. Write offentlig (public) or halvoffentlig (semi-public)."
            )
            refuse("setting", message % {"text": cell_text(cell)})
            return NamedPlace.Setting.PUBLIC
        return setting

    def _events(self, cell: object, refuse) -> int:
        if isinstance(cell, bool):
            refuse("events", _("“%(text)s” is not a whole number.") % {"text": cell})
            return 1
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        if isinstance(cell, int):
            number = cell
        else:
            text = cell_text(cell)
            if not text:
                return 1
            if not text.isdigit():
                refuse("events", _("“%(text)s” is not a whole number.") % {"text": text})
                return 1
            number = int(text)
        if not 1 <= number <= 1000:
            refuse("events", _("The number of events is between 1 and 1,000."))
        return number

    def _yes_no(self, cell: object, refuse) -> bool | None:
        if isinstance(cell, bool):
            return cell
        text = cell_text(cell).casefold()
        if not text:
            return None
        if text in YES:
            return True
        if text in NO:
            return False
        message = _("“%(text)s” is not an answer here. Write ja or nej, or leave the cell empty if unknown.")
        refuse("police_report", message % {"text": cell_text(cell)})
        return None


def _date(cell: object) -> tuple[datetime.date | None, datetime.time | None]:
    """The day, and the time of day when the cell holds one too (a date and time in one cell)."""
    if isinstance(cell, datetime.datetime):
        moment = cell.time()
        return cell.date(), (moment if moment != datetime.time(0, 0) else None)
    if isinstance(cell, datetime.date):
        return cell, None
    text = cell_text(cell)
    if not text:
        return None, None
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text), None
        moment = datetime.datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        return None, None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date(), moment.time().replace(microsecond=0)


def _time(cell: object) -> datetime.time | bool | None:
    """The time of day, None when the cell is empty, False when it is not a time."""
    if isinstance(cell, datetime.datetime):
        return cell.time()
    if isinstance(cell, datetime.time):
        return cell
    text = cell_text(cell)
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if match is None:
        return False
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return False
    return datetime.time(hour, minute, second)


def _find_existing(found: Exchange) -> None:
    """Match each row's reference with a report its organisation sent before; refuse a reference twice."""
    first_row: dict[tuple[int, str], int] = {}
    for row in found.rows:
        reference = row.data.external_id.strip()
        if not reference:
            continue
        key = (row.organisation.pk, reference)
        earlier = first_row.setdefault(key, row.number)
        if earlier != row.number:
            message = _("The same reference as row %(row)s for the same organisation.")
            found.add(Problem(message % {"row": earlier}, row.number))
            continue
        row.existing = Incident.objects.filter(organisation=row.organisation, external_id=reference).first()
        if row.existing is not None and row.existing.source == Incident.Source.RESIDENT:
            found.add(
                Problem(
                    _("This reference belongs to a resident's report, which cannot be replaced."), row.number
                )
            )


def read_file(
    path: Path,
    *,
    allowed_organisations: frozenset[int] | None,
    organisation: Organisation | None = None,
) -> Exchange:
    """Read and check a whole file; nothing is saved (see `save`)."""
    found = Exchange()
    rows = numbered_rows(path, found.add)
    header = next(rows, None)
    if header is None:
        if found.ok:
            found.add(Problem(_("The file is empty. The first row should name the columns.")))
        return found
    labels = _labels(header[1], found, has_organisation=organisation is not None)
    if not found.ok:
        return found
    reader = RowReader(labels, allowed_organisations=allowed_organisations, organisation=organisation)
    positions = {column: position for position, column in labels.positions.items()}
    for number, cells in rows:
        if all(cell is None or cell_text(cell) == "" for cell in cells):
            continue  # spreadsheets often end with empty rows
        if len(found.rows) >= MAX_ROWS:
            message = _("A file holds at most %(count)s reports; split it into several files.")
            found.add(Problem(message % {"count": MAX_ROWS}, number))
            break
        by_column = {
            column: cells[position] if position < len(cells) else None
            for column, position in positions.items()
        }
        row = reader.read(number, by_column, found)
        if row is not None:
            found.rows.append(row)
    if found.ok and not found.rows:
        found.add(Problem(_("The file has no reports, only the row naming the columns.")))
    if found.ok:
        _find_existing(found)
    return found


class _Labels(dict):
    """Column → the name the file gives it; `positions` maps the position in the row to the column."""

    positions: dict[int, str]


def _labels(cells: Iterable[object], found: Exchange, *, has_organisation: bool) -> _Labels:
    labels = _Labels()
    labels.positions = {}
    for position, cell in enumerate(cells):
        label = cell_text(cell)
        column = HEADER_NAMES.get(_header_key(label))
        if column is None:
            continue  # other columns (notes, say) are left alone
        if column in labels:
            message = _("The columns “%(first)s” and “%(second)s” both mean “%(column)s”; keep one.")
            found.add(Problem(message % {"first": labels[column], "second": label, "column": column}, 1))
            continue
        labels[column] = label
        labels.positions[position] = column
    required = [*REQUIRED, *([] if has_organisation else ["organisation"])]
    for column in required:
        if column not in labels:
            message = _("The file has no column “%(column)s” (in Swedish “%(swedish)s”).")
            found.add(Problem(message % {"column": column, "swedish": swedish_name(column)}, 1))
    if "place" not in labels and not ("latitude" in labels and "longitude" in labels):
        message = _("The file has no column for the place: “place” (“plats”), or “latitude” and “longitude”.")
        found.add(Problem(message, 1))
    return labels


def read_items(
    items: list[Mapping[str, object]],
    *,
    allowed_organisations: frozenset[int] | None,
    organisation: Organisation | None = None,
) -> Exchange:
    """Check a batch sent to the API: each item an object with the file's English column names as keys,
    numbered from 1; nothing is saved."""
    found = Exchange()
    labels = {column: column for column in COLUMNS}
    reader = RowReader(labels, allowed_organisations=allowed_organisations, organisation=organisation)
    for number, item in enumerate(items, start=1):
        row = reader.read(number, item, found)
        if row is not None:
            found.rows.append(row)
    if found.ok:
        _find_existing(found)
    return found


class _Refused(Exception):
    pass


@audited("situation.import_incidents")
def save(found: Exchange, *, by=None, source: str = Incident.Source.IMPORT) -> Exchange:
    """Save every row checked by `read_file` or `read_items` in one transaction: all of them or, when one
    is refused now (the data changed since it was read), none, with the problem added to `found`."""
    if not found.ok or not found.rows:
        nothing_changed()
        return found
    try:
        with transaction.atomic(), summaries.batch():
            for row in found.rows:
                try:
                    if row.existing is not None:
                        incident = update_incident(row.existing, row.data, by=by)
                        found.updated.append(incident)
                    else:
                        incident = record_incident(
                            row.data, organisation=row.organisation, by=by, source=source
                        )
                        found.created.append(incident)
                    found.saved.append(incident)
                except ValidationError as error:
                    for messages in error.message_dict.values():
                        for message in messages:
                            found.add(Problem(message, row.number))
            if not found.ok:
                raise _Refused
            record(
                "situation.import_incidents",
                actor=by,
                details={"source": source, "created": len(found.created), "updated": len(found.updated)},
            )
    except _Refused:
        found.created.clear()
        found.updated.clear()
        found.saved.clear()
        nothing_changed()
    return found
