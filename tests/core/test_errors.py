"""A path that matches no route: JSON under /api/, the HTML page elsewhere."""

import pytest

pytestmark = pytest.mark.django_db


def test_unmatched_api_path_answers_json_404_in_indonesian(client):
    response = client.get("/api/v1/certificates/-5381/badge/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Data tidak ditemukan."}


def test_unmatched_page_answers_the_html_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
