"""The goal tree's pages: the public tree and area page show approved judgements with symbol and word and
the rule; owners judge on a staff page beside the indicators; coordinators review, link and name."""

from decimal import Decimal

import pytest
from django.urls import reverse

from framsteg.indicators.models import Indicator, Target
from framsteg.steering.models import Area, GoalContribution, GoalJudgement, Judgement
from framsteg.steering.services import goals as goal_services
from tests import factories


@pytest.fixture
def goals(small_plan, people):
    long_term = factories.make_document("Ett hållbart Botkyrka", kind="long_term", slug="hallbart")
    slot = factories.make_area(
        long_term,
        "Långsiktigt mål 1 – ännu inte namngivet",
        kind=Area.Kind.LONG_TERM_GOAL,
        slug="langsiktigt-mal-1",
        awaiting_name=True,
    )
    school = small_plan["areas"][0]
    school.responsible.add(small_plan["organisations"][0])
    goal_services.set_contribution(slot, school, "Skolan ger livschanser.", by=people["coordinator"])
    return {"slot": slot, "school": school}


def test_an_owner_judges_beside_the_indicators_and_the_draft_stays_off_the_public_pages(
    client, as_user, small_plan, goals
):
    pupils = Indicator.objects.create(
        name="Behöriga elever", slug="behoriga", direction="higher", source_kind="own"
    )
    pupils.areas.add(goals["school"])
    Target.objects.create(indicator=pupils, value=Decimal("90"), year=2026, note="Nämndens mål")
    as_user(small_plan["reporter"])
    url = reverse("staff:goal-judge", args=[goals["school"].pk])
    page = client.get(url).content.decode()
    assert "Behöriga elever" in page and "90" in page and "Cannot be measured" in page
    response = client.post(url, {"judgement": "", "analysis": "Utan bedömning"})
    assert response.status_code == 400 and "Utan bedömning" in response.content.decode()
    client.post(url, {"judgement": Judgement.PARTLY_MET, "analysis": "Läsningen går framåt."})
    judgement = GoalJudgement.objects.get()
    assert judgement.needs_review
    public = client.get(reverse("public:goal-tree")).content.decode()
    assert "Läsningen går framåt." not in public


def test_the_public_tree_shows_approved_judgements_with_symbol_word_and_rule(
    client, small_plan, goals, people
):
    goal_services.judge_goal(
        goals["school"],
        small_plan["period"],
        Judgement.NOT_MET,
        "Resultaten sjunker.",
        by=people["coordinator"],
    )
    page = client.get(reverse("public:goal-tree"), headers={"accept-language": "sv"}).content.decode()
    assert "Resultaten sjunker." in page
    assert "✗" in page and "Ej uppfyllt" in page
    assert "Regel för sammanvägning" in page and "minst gynnsamma" in page
    assert "Skolan ger livschanser." in page
    assert "dokumentet namnger det inte" in page
    area = client.get(goals["school"].get_absolute_url(), headers={"accept-language": "sv"}).content.decode()
    assert "Resultaten sjunker." in area and "Ej uppfyllt" in area
    slot = client.get(goals["slot"].get_absolute_url(), headers={"accept-language": "sv"}).content.decode()
    assert "Sammanvägt underifrån" in slot and "Ej uppfyllt" in slot


def test_a_coordinator_approves_a_judgement_in_the_review_queue(client, as_user, small_plan, goals, people):
    draft = goal_services.judge_goal(
        goals["school"], small_plan["period"], Judgement.MET, "Klart.", by=small_plan["reporter"]
    )
    as_user(people["coordinator"])
    assert "Klart." in client.get(reverse("staff:review")).content.decode()
    response = client.post(
        reverse("staff:review-judgement", args=[draft.pk]), {"decision": "return", "note": ""}
    )
    assert response.status_code == 400
    client.post(reverse("staff:review-judgement", args=[draft.pk]), {"decision": "approve"})
    assert list(GoalJudgement.objects.published()) == [draft]


def test_a_coordinator_links_and_unlinks_goals_and_names_a_long_term_goal(
    client, as_user, small_plan, goals, people
):
    as_user(people["coordinator"])
    housing = small_plan["areas"][1]
    url = reverse("staff:goal-contributions", args=[goals["slot"].pk])
    response = client.post(url, {"source": f"area-{housing.pk}", "contribution": ""})
    assert response.status_code == 400
    client.post(url, {"source": f"area-{housing.pk}", "contribution": "Bostäder åt alla."})
    link = GoalContribution.objects.get(from_area=housing)
    client.post(reverse("staff:goal-contribution-remove", args=[link.pk]))
    assert not GoalContribution.objects.filter(from_area=housing).exists()
    edit = reverse("staff:goal-edit", args=[goals["slot"].pk])
    assert "How to name a long-term goal" in client.get(edit).content.decode()
    response = client.post(edit, {"title": "Namn", "narrative": "", "naming_source": ""})
    assert response.status_code == 400
    client.post(
        edit, {"title": "Namn ur dokumentet", "narrative": "Text", "naming_source": "Dokumentet, s. 2"}
    )
    goals["slot"].refresh_from_db()
    assert goals["slot"].title == "Namn ur dokumentet" and not goals["slot"].awaiting_name


def test_an_owner_edits_the_goals_indicators_and_targets(client, as_user, small_plan, goals):
    pupils = Indicator.objects.create(
        name="Behöriga elever", slug="behoriga", direction="higher", source_kind="own"
    )
    as_user(small_plan["reporter"])
    url = reverse("indicators-staff:goal-indicators", args=[goals["school"].pk])
    client.post(url, {"indicator": pupils.pk})
    assert list(goals["school"].indicators.all()) == [pupils]
    add = reverse("indicators-staff:target-add", args=[goals["school"].pk, pupils.pk])
    response = client.post(add, {"kind": "level", "value": "90", "year": "2026", "note": ""})
    assert response.status_code == 400
    client.post(add, {"kind": "level", "value": "90", "year": "2026", "note": "Nämndens beslut"})
    target = pupils.targets.get()
    assert target.value == Decimal("90")
    client.post(reverse("indicators-staff:target-remove", args=[goals["school"].pk, pupils.pk, target.pk]))
    assert not pupils.targets.exists()
    client.post(reverse("indicators-staff:goal-indicator-unlink", args=[goals["school"].pk, pupils.pk]))
    assert not goals["school"].indicators.exists()
    other = small_plan["areas"][1]  # owned by another organisation
    assert client.get(reverse("indicators-staff:goal-indicators", args=[other.pk])).status_code == 404


def test_an_owner_links_commitments_to_their_goal_but_not_goals(client, as_user, small_plan, goals, people):
    committee = factories.make_document("Nämndplan", kind="committee_plan", slug="namndplan")
    other_area = factories.make_area(committee, "Läsning", kind=Area.Kind.COMMITTEE_GOAL, slug="lasning")
    commitment = factories.make_commitment(other_area, "Läsa mer")
    as_user(small_plan["reporter"])
    url = reverse("staff:goal-contributions", args=[goals["school"].pk])
    response = client.post(url, {"source": f"area-{other_area.pk}", "contribution": "Läsning"})
    assert response.status_code == 400  # goals are linked by coordinators
    client.post(url, {"source": f"commitment-{commitment.pk}", "contribution": "Fler läser."})
    link = GoalContribution.objects.get(from_commitment=commitment)
    client.post(reverse("staff:goal-contribution-remove", args=[link.pk]))
    assert not GoalContribution.objects.filter(pk=link.pk).exists()
    area_link = GoalContribution.objects.get(from_area=goals["school"])  # to the long-term goal: not theirs
    assert client.post(reverse("staff:goal-contribution-remove", args=[area_link.pk])).status_code == 404
