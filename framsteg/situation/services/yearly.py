"""The yearly lägesbild and åtgärdsplan (lag 2023:196): the coordinator's texts, the problems it names and the
actions planned to answer them, each linked to its problem and to the platform's commitments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.organisations.models import Organisation
from framsteg.places.models import Area, District
from framsteg.situation.models import Action, IncidentCategory, NamedPlace, Problem, YearlyPicture
from framsteg.steering.models import Commitment

TEXT_FIELDS = ("extent", "consequences", "other_information", "analysis", "adopted_by", "adopted_on")


def _state(picture: YearlyPicture) -> dict:
    return {
        name: (value.isoformat() if isinstance(value, datetime.date) else value)
        for name in TEXT_FIELDS
        for value in [getattr(picture, name)]
    }


@audited("situation.save_yearly_picture")
def save_yearly_picture(year: int, texts: dict, *, by=None) -> YearlyPicture:
    """Write the lägesbild's texts (extent, consequences, other information, analysis) and its adoption."""
    with transaction.atomic():
        picture, _created = YearlyPicture.objects.select_for_update().get_or_create(year=year)
        before = _state(picture)
        for name in TEXT_FIELDS:
            if name in texts:
                value = texts[name]
                if value is None and name != "adopted_on":
                    value = ""
                setattr(picture, name, value)
        after = _state(picture)
        if before == after:
            nothing_changed()
            return picture
        picture.updated_by = by if getattr(by, "is_authenticated", False) else None
        picture.save()
        changed = [name for name in TEXT_FIELDS if before[name] != after[name]]
        record(
            "situation.save_yearly_picture",
            target=picture,
            actor=by,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    return picture


@dataclass
class ProblemData:
    title: str
    description: str = ""
    categories: list[IncidentCategory] = field(default_factory=list)
    district: District | None = None
    area: Area | None = None
    named_place: NamedPlace | None = None


@audited("situation.add_problem")
def add_problem(year: int, data: ProblemData, *, by=None) -> Problem:
    """Name a problem in the year's lägesbild."""
    with transaction.atomic():
        problem = Problem.objects.create(
            title=data.title,
            description=data.description,
            district=data.district,
            area=data.area,
            named_place=data.named_place,
            year=year,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        problem.categories.set(data.categories)
        record(
            "situation.add_problem",
            target=problem,
            actor=by,
            after={
                "title": problem.title,
                "year": year,
                "categories": [category.code for category in data.categories],
                "district": getattr(data.district, "name", None),
                "area": getattr(data.area, "code", None),
                "named_place": getattr(data.named_place, "name", None),
            },
        )
    return problem


@dataclass
class PlannedAction:
    title: str
    organisation: Organisation
    starts_on: datetime.date
    ends_on: datetime.date
    problem: Problem | None = None
    description: str = ""
    responsible_name: str = ""
    status: str = Action.Status.PLANNED
    commitments: list[Commitment] = field(default_factory=list)


@audited("situation.plan_action")
def plan_action(year: int, data: PlannedAction, *, by=None) -> Action:
    """Add an action to the year's åtgärdsplan, linked to its problem and the platform's commitments."""
    with transaction.atomic():
        action = Action(
            plan_year=year,
            problem=data.problem,
            title=data.title,
            description=data.description,
            organisation=data.organisation,
            responsible_name=data.responsible_name,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            status=data.status,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        action.full_clean(exclude=["responsible", "meeting"])
        action.save()
        action.commitments.set(data.commitments)
        record(
            "situation.plan_action",
            target=action,
            actor=by,
            after={
                "title": action.title,
                "plan_year": year,
                "problem": action.problem_id,
                "organisation": data.organisation.name,
                "responsible_name": action.responsible_name,
                "starts_on": action.starts_on.isoformat(),
                "ends_on": action.ends_on.isoformat(),
                "status": action.status,
                "commitments": [commitment.pk for commitment in data.commitments],
            },
        )
    return action
