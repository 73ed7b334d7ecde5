"""Status history is append-only: an update is never changed or deleted; a correction is a new update."""

import pytest
from django.core.exceptions import ValidationError

from framsteg.steering.models import StatusUpdate
from framsteg.steering.progress import rollup
from framsteg.steering.selectors import latest_update, with_latest
from tests import factories


def test_an_update_cannot_be_changed_once_saved(small_plan):
    update = factories.report(small_plan["commitments"][0], small_plan["period"], "in_progress", 40)
    update.progress = 90
    with pytest.raises(ValidationError):
        update.save()
    with pytest.raises(ValidationError):
        StatusUpdate.objects.filter(pk=update.pk).update(progress=90)
    assert StatusUpdate.objects.get(pk=update.pk).progress == 40


def test_an_update_cannot_be_deleted(small_plan):
    update = factories.report(small_plan["commitments"][0], small_plan["period"])
    with pytest.raises(ValidationError):
        update.delete()
    with pytest.raises(ValidationError):
        StatusUpdate.objects.all().delete()
    assert StatusUpdate.objects.filter(pk=update.pk).exists()


def test_a_correction_is_a_new_update_and_leaves_the_earlier_one_as_it_was(small_plan):
    commitment = small_plan["commitments"][0]
    first = factories.report(commitment, small_plan["period"], "in_progress", 60)
    correction = factories.report(
        commitment, small_plan["period"], "in_progress", 30, corrects=first, correction_note="60 var fel"
    )
    first.refresh_from_db()
    assert (first.progress, first.corrects) == (60, None)
    assert list(first.corrections.all()) == [correction]
    assert list(commitment.status_updates.all()) == [correction, first]
    assert latest_update(commitment) == correction


def test_a_correction_must_say_what_it_corrects_and_concern_the_same_commitment(small_plan):
    preschool, reading, _ = small_plan["commitments"]
    first = factories.report(preschool, small_plan["period"])
    wrong = StatusUpdate(
        commitment=reading,
        period=small_plan["period"],
        status=factories.status("done"),
        progress=100,
        author_name="Anna",
        corrects=first,
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert {"corrects", "correction_note"} <= set(error.value.message_dict)


def test_a_cancelled_commitment_needs_a_reason(small_plan):
    update = StatusUpdate(
        commitment=small_plan["commitments"][0],
        period=small_plan["period"],
        status=factories.status("cancelled"),
        progress=0,
        author_name="Anna",
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "reason" in error.value.message_dict
    update.reason = "Uppdraget togs bort i budgeten"
    update.full_clean()


def test_progress_must_be_between_0_and_100(small_plan):
    update = StatusUpdate(
        commitment=small_plan["commitments"][0],
        period=small_plan["period"],
        status=factories.status("in_progress"),
        progress=140,
        author_name="Anna",
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "progress" in error.value.message_dict


def test_the_rollup_counts_latest_statuses_and_averages_progress_over_all_commitments(small_plan):
    preschool, reading, _building = small_plan["commitments"]
    period = small_plan["period"]
    factories.report(preschool, period, "in_progress", 10)
    factories.report(preschool, period, "done", 100)
    factories.report(reading, period, "delayed", 50)
    result = rollup(with_latest(small_plan["document"].commitments.all()))
    assert (result.total, result.reported, result.unreported, result.done) == (3, 2, 1, 1)
    assert result.mean_progress == pytest.approx(50.0)  # (100 + 50 + 0) / 3
    counts = {(item.status.code if item.status else None): item.count for item in result.counts}
    assert counts == {"done": 1, "delayed": 1, None: 1}


def test_the_model_refuses_a_missing_percentage_only_where_the_status_asks_for_one(db):
    import pytest
    from django.core.exceptions import ValidationError

    from framsteg.steering.models import Status, StatusUpdate

    asks = StatusUpdate(status=Status.objects.get(code="in_progress"), progress=None)
    with pytest.raises(ValidationError) as error:
        asks.clean()
    assert "progress" in error.value.message_dict
    StatusUpdate(status=Status.objects.get(code="cannot_assess"), progress=None).clean()
    assert set(Status.objects.filter(asks_progress=False).values_list("code", flat=True)) == {
        "cannot_assess",
        "cancelled",
    }
