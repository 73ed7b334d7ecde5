import pytest
from django.urls import reverse

URLS = ["/api/v1/documents", "/api/v1/commitments", "/api/v1/statuses", "/api/v1/areas"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", URLS)
def test_it_refuses_to_change_anything(client, small_plan, method, url):
    response = getattr(client, method)(url, data={}, content_type="application/json")

    assert response.status_code == 405


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_refuses_to_change_a_commitment(client, small_plan, method):
    url = f"/api/v1/commitments/{small_plan['commitments'][0].pk}"

    response = getattr(client, method)(url, data={}, content_type="application/json")

    assert response.status_code == 405


def test_the_footer_link_name_leads_to_the_api_documentation(client, db):
    url = reverse("api-1:openapi-view")

    response = client.get(url)

    assert url == "/api/v1/docs"
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
