"""Importing documents into the database: the bundled Botkyrka data, re-imports, versions and bad input."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from framsteg.organisations.models import Organisation
from framsteg.steering.models import (
    Area,
    CandidateTarget,
    Commitment,
    CommitmentRevision,
    DocumentLink,
    DocumentVersion,
    Responsibility,
    StatusUpdate,
    SteeringDocument,
)
from framsteg.steering.services import importing
from framsteg.steering.services.importing import (
    DocumentReadError,
    ImportRequest,
    import_document,
    plan_import,
)
from tests import factories

BOTKYRKA = Path(settings.BASE_DIR) / "data" / "botkyrka"
PLATFORM = BOTKYRKA / "politisk-plattform-2023-2026.txt"


def row_counts() -> dict[str, int]:
    models = [
        SteeringDocument,
        DocumentVersion,
        Area,
        Commitment,
        CandidateTarget,
        CommitmentRevision,
        DocumentLink,
        Responsibility,
        Organisation,
        StatusUpdate,
    ]
    return {model.__name__: model.objects.count() for model in models}


def import_platform(text: str | None = None, **extra):
    data = text.encode() if text is not None else PLATFORM.read_bytes()
    request = ImportRequest(kind="platform", title="Politisk plattform 2023–2026", slug="plattform", **extra)
    return import_document(data, "plattform.txt", request)


@pytest.fixture
def botkyrka(db):
    call_command("load_botkyrka", verbosity=0)
    return {document.slug: document for document in SteeringDocument.objects.all()}


def test_the_bundled_platform_becomes_eight_areas_with_66_commitments_in_order(botkyrka):
    platform = botkyrka["politisk-plattform-2023-2026"]
    areas = list(platform.areas.current().order_by("position"))
    assert [area.commitments.count() for area in areas] == [13, 9, 7, 5, 9, 11, 4, 8]
    assert platform.commitments.count() == 66
    assert len({area.title for area in areas}) == 8
    assert all(area.title_inferred for area in areas)
    assert (platform.period_start, platform.period_end) == (2023, 2026)
    wrapped = platform.commitments.get(text__startswith="Erbjuda skolpersonal")
    assert wrapped.text.endswith("neuropsykiatriska funktionsnedsättningar")
    assert wrapped.source_quote.startswith("Erbjuda skolpersonal")
    assert "funktionsnedsättningar" in wrapped.source_quote


def test_the_platform_carries_its_candidate_targets(botkyrka):
    platform = botkyrka["politisk-plattform-2023-2026"]
    homes = platform.candidate_targets.get(value=500)
    assert homes.commitment.text.startswith("Genom en hög planberedskap")
    assert homes.qualifier == "ca"
    assert platform.candidate_targets.filter(year=2025, context__contains="klimatneutral").exists()
    assert platform.candidate_targets.filter(year=2030, context__contains="fossilbränslefri").exists()
    turnout = platform.candidate_targets.get(value=Decimal("64.6"))
    assert turnout.area.commitments.filter(text__contains="valdeltagandet").exists()


def test_platform_commitments_get_suggested_owners_from_keywords(botkyrka):
    preschool = Commitment.objects.get(text="Få fler barn att börja förskolan")
    responsibility = preschool.responsibilities.get()
    assert responsibility.organisation.name == "Utbildningsnämnden"
    assert responsibility.basis == Responsibility.Basis.SUGGESTED


def test_the_centerpartiet_budget_proposal_gives_eleven_points_without_owners_and_11_msek(botkyrka):
    plan = botkyrka["centerpartiet-socialnamnden"]
    assert plan.is_proposal and plan.proposed_by == "Centerpartiet i Botkyrka"
    assert plan.organisation.name == "Socialnämnden"
    assert plan.commitments.count() == 11
    area = plan.areas.get()
    assert area.kind == Area.Kind.PROGRAMME_AREA
    assert not area.responsible.exists()
    assert plan.candidate_targets.filter(value=11_000_000, unit="SEK", area=area).exists()
    # Nobody reports on a proposal's points: not even the committee it names gets them.
    assert not Responsibility.objects.filter(commitment__document=plan).exists()


def test_the_party_programme_gives_its_areas_and_16_bullets_and_nothing_from_its_contact_block(botkyrka):
    programme = botkyrka["socialdemokraterna-politik"]
    titles = list(programme.areas.order_by("position").values_list("title", flat=True))
    assert titles == ["Trygghet", "Utbildning", "Omsorg", "Bostäder"]
    assert programme.commitments.count() == 16
    texts = " ".join(programme.commitments.values_list("text", flat=True))
    for debris in ("Facebook", "Instagram", "Ombudsman", "070-291", "Nedergårdsvägen", ".jpg"):
        assert debris not in texts
    assert programme.candidate_targets.filter(value=50_000_000, qualifier="över").exists()
    assert programme.candidate_targets.filter(value=8000).exists()


def test_the_sustainability_page_gives_six_unnamed_long_term_goals_and_no_goal_from_its_topic_list(botkyrka):
    """The page says "sex mål" but names none: six slots for staff to name, never the eight work areas of its
    list (one of them a Finnish paragraph). The list stays in the kept text."""
    page = botkyrka["ett-hallbart-botkyrka"]
    goals = list(page.areas.current().order_by("position"))
    assert len(goals) == 6
    assert all(goal.awaiting_name and goal.kind == Area.Kind.LONG_TERM_GOAL for goal in goals)
    assert [goal.slug for goal in goals] == [f"langsiktigt-mal-{n}" for n in range(1, 7)]
    assert all("ännu inte namngivet" in goal.title and not goal.narrative for goal in goals)
    assert "Kansalliset vähemmistöt" in page.current_version.text


def test_reimporting_the_long_term_page_keeps_the_names_staff_gave(botkyrka):
    page = botkyrka["ett-hallbart-botkyrka"]
    first = page.areas.current().get(position=1)
    first.title, first.awaiting_name = "Ett namn ur det antagna dokumentet", False
    first.save()
    text = page.current_version.text + "\n\nEn rad till.\n"
    request = ImportRequest(kind="long_term", slug=page.slug, unnamed_goals=6)
    import_document(text.encode(), "hallbar-utveckling.txt", request)
    first.refresh_from_db()
    assert (first.title, first.removed_in) == ("Ett namn ur det antagna dokumentet", None)
    assert page.areas.current().count() == 6


def test_the_news_item_keeps_its_22_msek_and_suggests_the_safety_commitments(botkyrka):
    news = botkyrka["botkyrka-satsar-pa-tryggheten"]
    assert news.commitments.count() == 0
    assert news.candidate_targets.filter(value=22_000_000, unit="SEK").exists()
    links = list(news.links.select_related("commitment__area"))
    assert links and all(link.state == DocumentLink.State.SUGGESTED for link in links)
    top = max(links, key=lambda link: link.score)
    assert top.commitment.document.kind == SteeringDocument.Kind.PLATFORM
    assert top.commitment.area.position in (4, 5)


def test_loading_botkyrka_twice_changes_nothing(botkyrka):
    before = row_counts()
    call_command("load_botkyrka", verbosity=0)
    assert row_counts() == before


def test_reimporting_the_same_document_changes_nothing(db):
    first = import_platform()
    before = row_counts()
    again = import_platform()
    assert again.unchanged
    assert again.document == first.document
    assert row_counts() == before
    assert "nothing was changed" in again.summary or "inget" in again.summary.lower()


def test_a_new_version_reports_added_removed_and_reworded_and_keeps_history(db):
    first = import_platform()
    period = factories.make_period()
    kept = Commitment.objects.get(text="Få fler barn att börja förskolan")
    reworded = Commitment.objects.get(text="Öka insatser för läslust och läskunnighet")
    removed = Commitment.objects.get(text="Värna jordbruksmark som finns i Botkyrka")
    for commitment in (kept, reworded, removed):
        factories.report(commitment, period, "in_progress", 30)

    text = PLATFORM.read_text(encoding="utf-8")
    text = text.replace(" • Värna jordbruksmark som finns i Botkyrka\n", "")
    text = text.replace(
        "Öka insatser för läslust och läskunnighet",
        "Öka insatserna för läslust och läskunnighet hos alla barn",
    )
    text = text.replace(
        " • Få fler barn att börja förskolan\n",
        " • Få fler barn att börja förskolan\n • Bygga fler förskolor i Alby och Fittja\n",
    )
    second = import_platform(text)

    assert second.version.number == 2
    assert second.plan.added == ["Bygga fler förskolor i Alby och Fittja"]
    assert [c.pk for c in second.plan.removed] == [removed.pk]
    assert [(c.pk, t) for c, t in second.plan.reworded] == [
        (reworded.pk, "Öka insatserna för läslust och läskunnighet hos alla barn")
    ]
    assert second.version.changes["unchanged"] == 64
    kept.refresh_from_db()
    reworded.refresh_from_db()
    removed.refresh_from_db()
    assert kept.status_updates.count() == 1 and kept.removed_in is None
    assert kept.source_version == second.version
    assert reworded.text.endswith("hos alla barn") and reworded.status_updates.count() == 1
    revision = reworded.revisions.get()
    assert revision.previous_text == "Öka insatser för läslust och läskunnighet"
    assert revision.version == second.version
    assert removed.removed_in == second.version and removed.status_updates.count() == 1
    assert first.document.commitments.current().count() == 66
    assert [a.commitments.current().count() for a in first.document.areas.current()] == [
        14,
        9,
        7,
        5,
        9,
        10,
        4,
        8,
    ]


def test_a_failure_half_way_leaves_the_database_as_it_was(db, monkeypatch):
    before = row_counts()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_save_candidate_targets", explode)
    with pytest.raises(RuntimeError):
        import_platform()
    assert row_counts() == before


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "tom.txt"),
        (b"   \n\n  ", "blank.txt"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "bild.txt"),
        ("Mål för nämnden\n\n • Bygga fler förskolor\n".encode("cp1252"), "latin.txt"),
        (
            "Politisk plattform\n\nVi tycker att Botkyrka är en fin kommun. Det regnar ofta.\n".encode(),
            "prosa.txt",
        ),
    ],
    ids=["empty", "whitespace", "binary", "wrong-encoding", "no-commitments"],
)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(db, data, filename):
    before = row_counts()
    with pytest.raises(DocumentReadError) as error:
        import_document(data, filename, ImportRequest(kind="platform", title="Plattform"))
    assert str(error.value).strip()
    assert row_counts() == before


def test_an_unknown_kind_or_period_is_refused(db):
    with pytest.raises(DocumentReadError):
        plan_import(PLATFORM.read_bytes(), "p.txt", ImportRequest(kind="manifesto"))
    with pytest.raises(DocumentReadError):
        plan_import(PLATFORM.read_bytes(), "p.txt", ImportRequest(kind="platform", period="snart"))


def test_the_import_command_imports_and_explains_errors(db, tmp_path, capsys):
    call_command("import_document", str(PLATFORM), kind="platform", title="Plattform", period="2023-2026")
    assert SteeringDocument.objects.get(slug="plattform").commitments.count() == 66
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as error:
        call_command("import_document", str(empty), kind="platform")
    assert "empty.txt" in str(error.value)
    with pytest.raises(CommandError):
        call_command("import_document", str(tmp_path / "missing.txt"), kind="platform")


def test_the_dry_run_writes_nothing(db):
    call_command("import_document", str(PLATFORM), kind="platform", dry_run=True)
    assert SteeringDocument.objects.count() == 0
