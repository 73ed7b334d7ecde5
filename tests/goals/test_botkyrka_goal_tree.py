"""The goal tree for Botkyrka: the six long-term goals of "Ett hållbart Botkyrka" named by staff (the names
here are test names, not the council's) and the platform's eight areas linked to them."""

import pytest
from django.core.management import call_command

from framsteg.steering.models import Area, Judgement, SteeringDocument
from framsteg.steering.selectors import goals as goal_selectors
from framsteg.steering.services import goals as goal_services
from tests import factories


@pytest.fixture
def botkyrka(db):
    call_command("load_botkyrka", verbosity=0)


def test_the_goal_tree_for_botkyrka_links_the_platforms_8_areas_to_long_term_goals_entered_in_the_test(
    botkyrka,
):
    coordinator = factories.make_user("cecilia", roles=())
    coordinator.is_superuser = True
    coordinator.save()
    long_term = SteeringDocument.objects.get(slug="ett-hallbart-botkyrka")
    slots = list(long_term.areas.current().order_by("position"))
    assert len(slots) == 6 and all(slot.awaiting_name for slot in slots)
    for number, slot in enumerate(slots, start=1):
        goal_services.edit_goal(
            slot,
            by=coordinator,
            owners=[],
            title=f"Testmål {number}",
            narrative="Inskrivet i testet.",
            naming_source="Testet",
        )
    platform = SteeringDocument.objects.get(slug="politisk-plattform-2023-2026")
    areas = list(platform.areas.current().order_by("position"))
    assert len(areas) == 8
    for index, area in enumerate(areas):
        goal_services.set_contribution(slots[index % 6], area, f"Bidrar genom {area.title}.", by=coordinator)

    period = factories.make_period("annual", 2030, is_open=False)
    goal_services.judge_goal(areas[0], period, Judgement.MET, "Analys", by=coordinator)
    goal_services.judge_goal(areas[6], period, Judgement.NOT_MET, "Analys", by=coordinator)
    tree = goal_selectors.goal_tree(period)
    long_term_roots = [node for node in tree if node.goal.kind == Area.Kind.LONG_TERM_GOAL]
    assert [node.goal.title for node in long_term_roots] == [f"Testmål {n}" for n in range(1, 7)]
    linked = [child.goal for node in long_term_roots for child in node.children]
    assert sorted(area.pk for area in linked) == sorted(area.pk for area in areas)
    assert not any(node.goal.document == platform for node in tree)  # no platform area is left unlinked
    assert long_term_roots[0].rolled_up == Judgement.NOT_MET  # areas 1 and 7: least favourable
    assert long_term_roots[1].rolled_up is None  # areas 2 and 8: neither judged
    assert all(node.children for node in long_term_roots)
