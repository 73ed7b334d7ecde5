"""Following a commitment, an area or an organisation's commitments by e-mail without an account: double
opt-in, the same answer whoever asks, one-click unsubscribing, and e-mails in the follower's language that
are never lost when an approved status is published."""

import datetime
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framsteg.following.models import Notification, Subscription
from framsteg.following.services import subscriptions
from framsteg.steering.services import reporting
from tests import factories


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.SITE_URL = "https://framsteg.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()


def sign_up(client, target: str, email="lena@example.se", language="fi"):
    return client.post(reverse("following:follow"), {"target": target, "email": email, "language": language})


def confirmed(email: str, **target) -> Subscription:
    return Subscription.objects.create(email=email, language="sv", confirmed_at=timezone.now(), **target)


def approve_draft(small_plan, commitment):
    draft = factories.report(commitment, small_plan["period"], needs_review=True, comment="Fler platser")
    coordinator = factories.make_user("cecilia", small_plan["organisations"][0], ("coordinator",))
    reporting.approve_report(draft, by=coordinator)
    return draft


def test_signing_up_asks_for_confirmation_in_the_chosen_language(
    small_plan, client, django_capture_on_commit_callbacks
):
    commitment = small_plan["commitments"][0]
    page = client.get(reverse("following:follow") + f"?atagande={commitment.pk}")
    assert commitment.text in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, f"commitment-{commitment.pk}")
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.language, subscription.confirmed_at) == (
        "lena@example.se",
        "fi",
        None,
    )
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "fi"
    assert f"/folj/bekrafta/{subscription.confirm_token}/" in message.body
    # A link opened by a mail scanner confirms nothing; the person's button does.
    assert client.get(reverse("following:confirm", args=[subscription.confirm_token])).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    client.post(reverse("following:confirm", args=[subscription.confirm_token]))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_the_answer_is_the_same_whether_or_not_the_address_follows_already(
    small_plan, client, django_capture_on_commit_callbacks
):
    commitment = small_plan["commitments"][0]
    confirmed("lena@example.se", commitment=commitment)
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(client, f"commitment-{commitment.pk}", email="Lena@Example.se")
        unknown = sign_up(client, f"commitment-{commitment.pk}", email="okand@example.se")
    assert known.status_code == unknown.status_code == 200

    def page(response) -> str:
        return response.content.decode().replace(str(response.context["csrf_token"]), "")

    assert page(known) == page(unknown)
    assert [message.to for message in mail.outbox] == [["okand@example.se"]]


def test_one_address_gets_at_most_three_confirmations_a_day(
    small_plan, client, django_capture_on_commit_callbacks
):
    commitment = small_plan["commitments"][0]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            sign_up(client, f"commitment-{commitment.pk}")
    assert len(mail.outbox) == subscriptions.CONFIRMATIONS_PER_DAY


def test_sign_ups_from_one_connection_are_throttled(small_plan, client, settings):
    settings.FOLLOWING_RATE_LIMIT = "2/h"
    commitment = small_plan["commitments"][0]
    answers = [
        sign_up(client, f"commitment-{commitment.pk}", email=f"p{n}@example.se").status_code for n in range(3)
    ]
    assert answers == [200, 200, 429]


def test_a_bad_address_is_shown_again_as_typed(small_plan, client):
    commitment = small_plan["commitments"][0]
    response = sign_up(client, f"commitment-{commitment.pk}", email="lena@")
    assert response.status_code == 400
    assert 'value="lena@"' in response.content.decode()
    assert Subscription.objects.count() == 0


def test_an_approved_status_reaches_every_follower_once_in_their_language(
    small_plan, django_capture_on_commit_callbacks
):
    preschool = small_plan["commitments"][0]
    schools = small_plan["organisations"][0]
    administration = factories.make_organisation("Utbildningsförvaltningen", "administration", parent=schools)
    preschool.responsible.set([administration])
    confirmed("a@example.se", commitment=preschool)
    confirmed("a@example.se", area=preschool.area)  # follows twice: one e-mail
    finnish = confirmed("b@example.se", organisation=schools)  # the committee above the owner
    finnish.language = "fi"
    finnish.save()
    Subscription.objects.create(email="c@example.se", language="sv", commitment=preschool)  # never confirmed
    confirmed("d@example.se", commitment=small_plan["commitments"][2])  # another commitment
    with django_capture_on_commit_callbacks(execute=True):
        factories.report(preschool, small_plan["period"], needs_review=True)  # a draft tells nobody
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        approve_draft(small_plan, preschool)
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.se", "b@example.se"]
    finnish_mail = next(message for message in mail.outbox if message.to == ["b@example.se"])
    assert finnish_mail.extra_headers["Content-Language"] == "fi"
    assert "Fler platser" in finnish_mail.body
    token = finnish.unsubscribe_token
    assert (
        finnish_mail.extra_headers["List-Unsubscribe"] == f"<https://framsteg.example/folj/avsluta/{token}/>"
    )
    assert finnish_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_email_the_mail_server_refused_is_sent_later(
    small_plan, settings, django_capture_on_commit_callbacks
):
    preschool = small_plan["commitments"][0]
    confirmed("a@example.se", commitment=preschool)
    settings.EMAIL_BACKEND = "tests.following.failing.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        approve_draft(small_plan, preschool)
    waiting = Notification.objects.get()
    assert waiting.sent_at is None and waiting.attempts == 1 and waiting.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_following_emails", stdout=io.StringIO())
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [message.to for message in mail.outbox] == [["a@example.se"]]
    call_command("send_following_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_one_click_unsubscribing_deletes_the_address(small_plan):
    subscription = confirmed("a@example.se", commitment=small_plan["commitments"][0])
    client = Client(enforce_csrf_checks=True)
    url = reverse("following:unsubscribe", args=[subscription.unsubscribe_token])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.count() == 0
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_addresses_never_confirmed_are_removed_after_the_retention_time(small_plan, settings):
    settings.FOLLOWING_UNCONFIRMED_HOURS = 48
    old = Subscription.objects.create(
        email="old@example.se", language="sv", commitment=small_plan["commitments"][0]
    )
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=49))
    Subscription.objects.create(
        email="new@example.se", language="sv", commitment=small_plan["commitments"][0]
    )
    kept = confirmed("kept@example.se", commitment=small_plan["commitments"][0])
    Subscription.objects.filter(pk=kept.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert subscriptions.remove_unconfirmed() == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "kept@example.se",
        "new@example.se",
    ]


def test_feeds_of_a_commitment_and_an_organisation_hold_approved_statuses_only(small_plan, client):
    preschool = small_plan["commitments"][0]
    factories.report(preschool, small_plan["period"], comment="Publicerad")
    factories.report(preschool, small_plan["period"], needs_review=True, comment="Utkast")
    for url in (
        reverse("following:commitment-feed", args=[preschool.pk]),
        reverse("following:organisation-feed", args=[small_plan["organisations"][0].slug]),
    ):
        body = client.get(url).content.decode()
        assert "Publicerad" in body and "Utkast" not in body


def test_the_commitment_page_offers_to_follow(small_plan, client):
    commitment = small_plan["commitments"][0]
    body = client.get(commitment.get_absolute_url()).content.decode()
    assert f"/folj/?atagande={commitment.pk}" in body
    assert f"/folj/ataganden/{commitment.pk}/flode.xml" in body


def test_an_approved_judgement_of_a_goal_reaches_those_who_follow_it(
    small_plan, django_capture_on_commit_callbacks
):
    from framsteg.steering.models import Judgement
    from framsteg.steering.services import goals

    goal = small_plan["commitments"][0].area
    owner = factories.make_user("olle", small_plan["organisations"][0], ("goal_owner",))
    coordinator = factories.make_user("cecilia", small_plan["organisations"][0], ("coordinator",))
    confirmed("a@example.se", area=goal)
    confirmed("d@example.se", commitment=small_plan["commitments"][2])  # follows something else
    with django_capture_on_commit_callbacks(execute=True):
        draft = goals.judge_goal(
            goal, small_plan["period"], Judgement.PARTLY_MET, "Köerna har kortats", by=owner
        )
    assert mail.outbox == []  # a draft tells nobody
    with django_capture_on_commit_callbacks(execute=True):
        goals.approve_judgement(draft, by=coordinator)
    assert [message.to for message in mail.outbox] == [["a@example.se"]]
    assert Notification.objects.filter(purpose=Notification.Purpose.JUDGEMENT).count() == 1
