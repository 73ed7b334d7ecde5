"""The budget follow-up's pages: the import with its preview, the comments by the owning organisation, the
stated amounts recorded as budgets, and the public page with its sources."""

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from framsteg.budget.models import Budget, FinanceImport, FollowUp
from framsteg.budget.selectors import budget_follow_up
from framsteg.budget.services.finance import import_finance_file


def upload(client, world, text: str, name: str = "ekonomi.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("budget:import"), {"period": world["period"].pk, "file": file})


def imported(world, text: str):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "ekonomi.csv"
        file.write_text(text, encoding="utf-8")
        assert import_finance_file(file, world["period"], by=world["coordinator"]).ok


def test_the_coordinator_previews_then_confirms_an_import(client, world):
    client.force_login(world["coordinator"])
    preview = upload(client, world, "nämnd;budget;utfall;prognos\nSocialnämnden;900;300;950\n")
    assert preview.status_code == 200
    assert FollowUp.objects.count() == 0
    body = preview.content.decode()
    assert "Socialnämnden" in body and "950" in body
    form = preview.context["form"]
    data = {name: form.initial[name] for name in ("token", "filename", "period")}
    confirmed = client.post(reverse("budget:import-confirm"), data)
    assert confirmed.status_code == 302
    row = FollowUp.objects.get()
    assert (row.outcome_sek, row.forecast_sek) == (300, 950)
    line = budget_follow_up(world["period"])[0]
    assert (line.budget_sek, line.deviation_sek) == (900, -50)


def test_a_file_with_problems_shows_them_and_offers_nothing_to_confirm(client, world):
    client.force_login(world["coordinator"])
    response = upload(client, world, "nämnd;utfall;prognos\nOkänd;1;1\n")
    assert response.status_code == 400
    assert "Okänd" in response.content.decode()
    assert reverse("budget:import-confirm") not in response.content.decode()
    assert FinanceImport.objects.count() == 0


def test_a_wrong_kind_of_file_is_refused_and_the_period_kept(client, world):
    client.force_login(world["coordinator"])
    response = upload(client, world, "x", name="ekonomi.pdf")
    assert response.status_code == 400
    assert response.context["form"]["period"].value() == str(world["period"].pk)


@pytest.mark.parametrize("person", ["school_owner", "social_owner", "reader", "police"])
def test_only_coordinators_import(client, world, person):
    client.force_login(world[person])
    assert client.get(reverse("budget:import")).status_code == 403


def test_the_owning_organisation_comments_on_its_deviation(client, world):
    imported(world, "nämnd;utfall;prognos\nUtbildningsnämnden;1;2\nSocialnämnden;3;4\n")
    schools = FollowUp.objects.get(organisation=world["schools"])
    social = FollowUp.objects.get(organisation=world["social"])
    client.force_login(world["school_owner"])  # in the committee's administration
    page = client.get(reverse("budget:follow-up"))
    assert f'name="c{schools.pk}-comment"' in page.content.decode()
    assert f'name="c{social.pk}-comment"' not in page.content.decode()
    saved = client.post(
        reverse("budget:comment"), {"follow_up": schools.pk, f"c{schools.pk}-comment": "Fler elever."}
    )
    assert saved.status_code == 302
    schools.refresh_from_db()
    assert schools.comment == "Fler elever."
    assert schools.comment_by_name == world["school_owner"].get_full_name()
    refused = client.post(reverse("budget:comment"), {"follow_up": social.pk, f"c{social.pk}-comment": "x"})
    assert refused.status_code == 403


def test_a_too_long_comment_is_shown_again_as_typed(client, world):
    imported(world, "nämnd;utfall;prognos\nSocialnämnden;3;4\n")
    social = FollowUp.objects.get()
    client.force_login(world["social_owner"])
    text = "Orsak " * 700
    response = client.post(reverse("budget:comment"), {"follow_up": social.pk, f"c{social.pk}-comment": text})
    assert response.status_code == 400
    assert text.strip()[:100] in response.content.decode()
    social.refresh_from_db()
    assert social.comment == ""


def test_partners_do_not_see_the_staff_page(client, world):
    client.force_login(world["police"])
    assert client.get(reverse("budget:follow-up")).status_code == 403
    client.force_login(world["reader"])
    assert client.get(reverse("budget:follow-up")).status_code == 200


def test_a_stated_amount_becomes_a_budget_with_its_place_in_the_document(client, world):
    client.force_login(world["coordinator"])
    amount = world["news_amount"]
    page = client.get(reverse("budget:stated"))
    assert "22 miljoner" in page.content.decode() and "11 miljoner" in page.content.decode()
    response = client.post(
        reverse("budget:stated"),
        {"amount": amount.pk, f"a{amount.pk}-organisation": world["schools"].pk, f"a{amount.pk}-year": 2026},
    )
    assert response.status_code == 302
    budget = Budget.objects.get()
    assert (budget.amount_sek, budget.source_quote) == (Decimal(22_000_000), "22 miljoner")
    public = client.get(reverse("budget-public:follow-up") + f"?period={world['period'].pk}")
    body = public.content.decode()
    assert "22 miljoner" in body and "Botkyrka satsar på tryggheten" in body
    line = budget_follow_up(world["period"], organisation=world["schools"])[0]
    assert line.sources[0].kind == "document" and line.sources[0].quote == "22 miljoner"
    assert line.outcome_sek is None and line.deviation_sek is None


def test_a_proposals_amount_is_never_a_budget(client, world):
    client.force_login(world["coordinator"])
    amount = world["proposal_amount"]
    response = client.post(
        reverse("budget:stated"),
        {"amount": amount.pk, f"a{amount.pk}-organisation": world["social"].pk, f"a{amount.pk}-year": 2026},
    )
    assert response.status_code == 400
    assert Budget.objects.count() == 0


def test_the_public_page_shows_each_amount_with_its_source(client, world):
    imported(world, "nämnd;budget;utfall;prognos\nSocialnämnden;1 000;300;1 200\n")
    FollowUp.objects.update(comment="Fler placeringar.")
    response = client.get(reverse("budget-public:follow-up"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fler placeringar." in body and "ekonomi.csv" in body
    assert "−200" in body
    assert "Centerpartiet" in body or "11 miljoner" in body
