"""Small, explicit builders for test data. Each returns saved objects with readable defaults."""

from __future__ import annotations

import hashlib
from datetime import date
from itertools import count

from django.contrib.auth import get_user_model

from framsteg.organisations.models import Membership, Organisation
from framsteg.steering.models import (
    Area,
    Commitment,
    DocumentVersion,
    FollowUpPeriod,
    Responsibility,
    Status,
    StatusUpdate,
    SteeringDocument,
)

_sequence = count(1)


def make_organisation(name: str = "Utbildningsnämnden", kind: str = "committee", **extra) -> Organisation:
    slug = extra.pop("slug", None) or f"org-{next(_sequence)}"
    return Organisation.objects.create(name=name, slug=slug, kind=kind, **extra)


# Like the migration that introduced roles: a member of an organisation reports on its commitments and
# handles its cases unless the test names the roles.
DEFAULT_ROLES = ("reporter", "case_officer")


def make_user(
    username: str = "anna",
    organisation: Organisation | None = None,
    roles: tuple[str, ...] = DEFAULT_ROLES,
    **extra,
):
    user = get_user_model().objects.create_user(
        username=username,
        password="correct horse battery",
        first_name=extra.pop("first_name", "Anna"),
        last_name=extra.pop("last_name", "Andersson"),
        **extra,
    )
    if organisation is not None:
        for role in roles:
            Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_document(
    title: str = "Politisk plattform", text: str | None = None, kind: str = "platform", **extra
) -> SteeringDocument:
    document = SteeringDocument.objects.create(
        title=title,
        slug=extra.pop("slug", f"doc-{next(_sequence)}"),
        kind=kind,
        period_start=extra.pop("period_start", 2023),
        period_end=extra.pop("period_end", 2026),
        **extra,
    )
    text = text if text is not None else f"{title}\n\nText of the document.\n"
    DocumentVersion.objects.create(
        document=document,
        number=1,
        text=text,
        format="text",
        filename="plan.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    return document


def make_area(
    document: SteeringDocument, title: str = "Skola och förskola", position: int | None = None, **extra
) -> Area:
    position = position or document.areas.count() + 1
    return Area.objects.create(
        document=document,
        title=title,
        slug=extra.pop("slug", f"area-{position}"),
        position=position,
        kind=extra.pop("kind", Area.Kind.TERM_AREA),
        created_in=document.current_version,
        **extra,
    )


def make_commitment(
    area: Area,
    text: str = "Få fler barn att börja förskolan",
    organisations: list[Organisation] = (),
    **extra,
) -> Commitment:
    version = area.document.current_version
    start = version.text.find(text)
    start = start if start >= 0 else 0
    commitment = Commitment.objects.create(
        document=area.document,
        area=area,
        text=text,
        position=extra.pop("position", area.commitments.count() + 1),
        source_version=version,
        source_start=start,
        source_end=start + len(text),
        created_in=version,
        **extra,
    )
    for organisation in organisations:
        Responsibility.objects.create(commitment=commitment, organisation=organisation, basis="assigned")
    return commitment


def make_period(kind: str = "tertial", year: int = 2026, is_open: bool = True) -> FollowUpPeriod:
    ends = {"tertial": date(year, 4, 30), "interim": date(year, 8, 31), "annual": date(year, 12, 31)}[kind]
    return FollowUpPeriod.objects.create(
        kind=kind, year=year, starts_on=date(year, 1, 1), ends_on=ends, is_open=is_open
    )


def status(code: str) -> Status:
    return Status.objects.get(code=code)


def report(
    commitment: Commitment,
    period: FollowUpPeriod,
    code: str = "in_progress",
    progress: int = 40,
    author=None,
    **extra,
) -> StatusUpdate:
    return StatusUpdate.objects.create(
        commitment=commitment,
        period=period,
        status=status(code),
        progress=progress,
        author=author,
        author_name=extra.pop("author_name", author.get_full_name() if author else "Anna Andersson"),
        **extra,
    )
