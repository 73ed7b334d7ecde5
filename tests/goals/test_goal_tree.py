"""The goal tree across documents: links with the contribution in words, judgements per period with review,
the roll-up at every level, and the selector the council's reports read."""

import pytest
from django.core.exceptions import ValidationError

from framsteg.audit.models import AuditEntry
from framsteg.steering.models import Area, GoalJudgement, Judgement
from framsteg.steering.rollup import LEAST_FAVOURABLE, SHARE_ON_TRACK
from framsteg.steering.selectors import goals as goal_selectors
from framsteg.steering.services import goals as goal_services
from tests import factories


@pytest.fixture
def tree(small_plan, people):
    """Two long-term goals in their own document; the platform's two areas contribute to the first."""
    long_term = factories.make_document("Ett hållbart Botkyrka", kind="long_term", slug="hallbart")
    first = factories.make_area(long_term, "Mål ett", kind=Area.Kind.LONG_TERM_GOAL, slug="mal-1")
    second = factories.make_area(long_term, "Mål två", kind=Area.Kind.LONG_TERM_GOAL, slug="mal-2")
    school, housing = small_plan["areas"]
    school.responsible.add(small_plan["organisations"][0])
    coordinator = people["coordinator"]
    goal_services.set_contribution(first, school, "Utbildning ger livschanser.", by=coordinator)
    goal_services.set_contribution(first, housing, "Bostäder åt alla.", by=coordinator)
    return {"first": first, "second": second, "school": school, "housing": housing}


def judge(goal, period, value, by, analysis="Analys."):
    return goal_services.judge_goal(goal, period, value, analysis, by=by)


def test_a_link_states_its_contribution_and_is_audited(tree, people):
    entry = AuditEntry.objects.filter(action="steering.set_contribution").order_by("pk").first()
    assert entry.changes.get("before") is None
    assert entry.changes["after"]["contribution"] == "Utbildning ger livschanser."
    roots = goal_selectors.goal_tree(None)
    first = next(node for node in roots if node.goal == tree["first"])
    assert [child.goal for child in first.children] == [tree["school"], tree["housing"]]
    assert first.children[0].contribution.contribution == "Utbildning ger livschanser."


def test_links_within_a_document_loops_and_empty_words_are_refused(tree, people, small_plan):
    coordinator = people["coordinator"]
    with pytest.raises(ValidationError):
        goal_services.set_contribution(tree["school"], tree["housing"], "Samma dokument", by=coordinator)
    with pytest.raises(ValidationError):
        goal_services.set_contribution(tree["first"], small_plan["commitments"][0], "  ", by=coordinator)
    committee = factories.make_document("Nämndplan", kind="committee_plan", slug="namndplan")
    goal = factories.make_area(committee, "Nämndmål", kind=Area.Kind.COMMITTEE_GOAL, slug="n")
    goal_services.set_contribution(tree["school"], goal, "Nämnden bidrar.", by=coordinator)
    with pytest.raises(ValidationError):  # the committee goal contributes to the school area: no way back
        goal_services.set_contribution(goal, tree["school"], "Tillbaka", by=coordinator)


def test_an_owners_judgement_is_a_draft_until_approved_and_rolls_up_only_then(tree, small_plan, people):
    period = small_plan["period"]
    draft = judge(tree["school"], period, Judgement.NOT_MET, small_plan["reporter"], "Läsresultaten sjunker.")
    assert draft.needs_review
    first = goal_selectors.find_node(goal_selectors.goal_tree(period), tree["first"])
    assert first.rolled_up is None
    staff_view = goal_selectors.find_node(goal_selectors.goal_tree(period, drafts=True), tree["school"])
    assert staff_view.draft == draft and staff_view.judgement is None
    goal_services.approve_judgement(draft, by=people["coordinator"])
    first = goal_selectors.find_node(goal_selectors.goal_tree(period), tree["first"])
    assert first.rolled_up == Judgement.NOT_MET
    assert list(GoalJudgement.objects.published()) == [draft]
    assert AuditEntry.objects.filter(action="steering.approved_judgement").exists()


def test_a_judgement_sent_back_is_never_public_and_the_history_keeps_both(tree, small_plan, people):
    period = small_plan["period"]
    draft = judge(tree["school"], period, Judgement.MET, small_plan["reporter"])
    goal_services.return_judgement(draft, by=people["coordinator"], note="Underlag saknas")
    second = judge(tree["school"], period, Judgement.PARTLY_MET, small_plan["reporter"])
    goal_services.approve_judgement(second, by=people["coordinator"])
    node = goal_selectors.find_node(goal_selectors.goal_tree(period), tree["school"])
    assert node.own == Judgement.PARTLY_MET
    assert goal_selectors.judgement_history(tree["school"], drafts=True) == [second, draft]
    assert goal_selectors.judgement_history(tree["school"]) == [second]


def test_at_the_interim_period_a_judgement_is_a_forecast(tree, people):
    interim = factories.make_period("interim", 2026, is_open=False)
    judgement = judge(tree["school"], interim, Judgement.MET, people["coordinator"])
    assert judgement.is_forecast and not judgement.needs_review


def test_the_rollup_follows_the_configured_rule_at_every_level(tree, small_plan, people, settings):
    period = small_plan["period"]
    coordinator = people["coordinator"]
    committee = factories.make_document("Nämndplan", kind="committee_plan", slug="namndplan")
    reading = factories.make_area(committee, "Läsning", kind=Area.Kind.COMMITTEE_GOAL, slug="lasning")
    goal_services.set_contribution(tree["school"], reading, "Läsning är grunden.", by=coordinator)
    judge(reading, period, Judgement.PARTLY_MET, coordinator)  # the school area has no judgement of its own
    judge(tree["housing"], period, Judgement.MET, coordinator)
    settings.GOAL_ROLLUP_RULE = LEAST_FAVOURABLE
    nodes = goal_selectors.goal_tree(period)
    school = goal_selectors.find_node(nodes, tree["school"])
    assert school.own is None and school.rolled_up == Judgement.PARTLY_MET
    assert goal_selectors.find_node(nodes, tree["first"]).rolled_up == Judgement.PARTLY_MET
    assert goal_selectors.find_node(nodes, tree["second"]).rolled_up is None  # nothing below: no roll-up
    settings.GOAL_ROLLUP_RULE = SHARE_ON_TRACK
    settings.GOAL_ROLLUP_THRESHOLD = 50
    assert (
        goal_selectors.find_node(goal_selectors.goal_tree(period), tree["first"]).rolled_up == Judgement.MET
    )


def test_the_selector_for_reports_gives_each_goal_with_approved_data_only(tree, small_plan, people):
    period = small_plan["period"]
    judge(tree["housing"], period, Judgement.MET, people["coordinator"], "Byggtakten håller.")
    judge(tree["school"], period, Judgement.NOT_MET, small_plan["reporter"], "Utkast")  # a draft
    follow_up = goal_selectors.goal_follow_up(period)
    assert follow_up.period == period and "minst gynnsamma" in follow_up.rule
    rows = {row.goal.pk: row for row in follow_up.goals}
    housing = rows[tree["housing"].pk]
    assert (housing.judgement, housing.analysis, housing.parent) == (
        "met",
        "Byggtakten håller.",
        tree["first"],
    )
    assert housing.contribution == "Bostäder åt alla." and housing.depth == 1
    assert rows[tree["school"].pk].judgement is None and rows[tree["school"].pk].analysis == ""
    assert rows[tree["first"].pk].rolled_up == "met"
    assert rows[tree["first"].pk].indicators == []


def test_naming_a_long_term_goal_needs_its_source(tree, people):
    slot = tree["second"]
    slot.awaiting_name = True
    slot.save()
    with pytest.raises(ValidationError):
        goal_services.edit_goal(slot, by=people["coordinator"], owners=[], title="Ett namn", naming_source="")
    goal_services.edit_goal(
        slot,
        by=people["coordinator"],
        owners=[],
        title="Ett namn",
        narrative="Beskrivning",
        naming_source="Antaget dokument, s. 3",
    )
    slot.refresh_from_db()
    assert (slot.title, slot.awaiting_name) == ("Ett namn", False)
    assert AuditEntry.objects.filter(action="steering.edit_goal").exists()


def test_a_judgement_is_announced_when_it_becomes_public_and_not_before(tree, small_plan, people):
    from framsteg.steering import publication

    heard = []
    publication.register(heard.append)
    try:
        draft = judge(tree["school"], small_plan["period"], Judgement.MET, small_plan["reporter"])
        assert heard == []
        goal_services.approve_judgement(draft, by=people["coordinator"])
        assert [(p.kind, p.item, p.area) for p in heard] == [(publication.JUDGEMENT, draft, tree["school"])]
    finally:
        publication._listeners.remove(heard.append)
