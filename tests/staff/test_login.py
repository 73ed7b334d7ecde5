from django.urls import reverse

from tests import factories


def test_it_logs_in_with_the_right_password_and_goes_to_reporting(client, db):
    factories.make_user("anna")
    response = client.post(reverse("staff:login"), {"username": "anna", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")


def test_it_says_what_is_wrong_and_keeps_the_username_on_a_wrong_password(client, db):
    factories.make_user("anna")
    response = client.post(reverse("staff:login"), {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="anna"' in html
    assert "wrong" not in html.split('name="password"')[1].split(">")[0]


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, db):
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


def test_it_logs_out_by_post_only(client, db):
    client.force_login(factories.make_user("anna"))
    assert client.get(reverse("staff:logout")).status_code == 405
    assert client.post(reverse("staff:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
