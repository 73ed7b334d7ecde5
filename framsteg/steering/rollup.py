"""How goals' judgements roll up the goal tree, by a rule stated on every page that shows a roll-up.

A goal's children are the goals below it in its own document and the goals of other documents that
contribute to it (`GoalContribution`). What a child brings is its own approved judgement for the period, or,
when it has none, its own roll-up; a child with neither is not judged and is left out. Commitments
contributing to a goal are listed with their status, which is another vocabulary: they do not count here.

Two rules, chosen with `FRAMSTEG_GOAL_ROLLUP_RULE` (one rule for the whole installation, so that every page
and report reads the same way):

- **least_favourable**: the least favourable judgement among the judged children (not met before partly
  met before met).
- **share_on_track**: met when at least `FRAMSTEG_GOAL_ROLLUP_THRESHOLD` percent of the judged children are
  met; otherwise partly met when any child is met or partly met; otherwise not met.

Under both, children judged "cannot be judged" are left out of the comparison; when every judged child
cannot be judged, neither can the roll-up. With no judged child there is no roll-up (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from framsteg.steering.models import Judgement

LEAST_FAVOURABLE = "least_favourable"
SHARE_ON_TRACK = "share_on_track"
# Least favourable first.
SEVERITY = [Judgement.NOT_MET, Judgement.PARTLY_MET, Judgement.MET]


@dataclass(frozen=True)
class RollupRule:
    name: str = LEAST_FAVOURABLE
    threshold: int = 75  # percent, for share_on_track

    @classmethod
    def configured(cls) -> RollupRule:
        return cls(settings.GOAL_ROLLUP_RULE, settings.GOAL_ROLLUP_THRESHOLD)

    def apply(self, children: Iterable[str | None]) -> str | None:
        """The rolled-up judgement of children's judgements (None for a child not judged)."""
        judged = [child for child in children if child is not None]
        if not judged:
            return None
        comparable = [child for child in judged if child != Judgement.CANNOT_JUDGE]
        if not comparable:
            return Judgement.CANNOT_JUDGE
        if self.name == SHARE_ON_TRACK:
            met = sum(1 for child in comparable if child == Judgement.MET)
            if met * 100 >= self.threshold * len(comparable):
                return Judgement.MET
            if met or Judgement.PARTLY_MET in comparable:
                return Judgement.PARTLY_MET
            return Judgement.NOT_MET
        return next(judgement for judgement in SEVERITY if judgement in comparable)

    @property
    def statement(self) -> str:
        """The rule in words, for every page and report that shows a roll-up."""
        if self.name == SHARE_ON_TRACK:
            rule = _(
                "A goal's rolled-up judgement is “met” when at least %(threshold)d %% of the goals below it "
                "and contributing to it that are judged are met; otherwise “partly met” when any of them is "
                "met or partly met; otherwise “not met”."
            ) % {"threshold": self.threshold}
        else:
            rule = _(
                "A goal's rolled-up judgement is the least favourable judgement among the goals below it and "
                "contributing to it that are judged (“not met” before “partly met” before “met”)."
            )
        return " ".join(
            [
                rule,
                _(
                    "A goal without an approved judgement of its own brings its roll-up. Goals that cannot "
                    "be judged are left out; when none can be judged, neither can the roll-up. With no "
                    "judged goal there is no roll-up. Commitments are listed with their status and do not "
                    "count."
                ),
            ]
        )
