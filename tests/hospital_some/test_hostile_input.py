from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_login_form_survives_hostile_usernames(client, demo, name):
    value = HOSTILE_INPUTS[name]
    response = client.post(reverse("login"), {"username": value, "password": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_language_switch_never_redirects_off_site_or_fails(client_as, name):
    client = client_as("producer")
    response = client.post(reverse("set_language"), {"language": HOSTILE_INPUTS[name], "next": HOSTILE_INPUTS[name]})
    location = urlsplit(response["Location"])
    assert response.status_code == 302
    assert (location.scheme, location.netloc) == ("", "")


def test_language_switch_refuses_an_off_site_next(client_as):
    response = client_as("producer").post(
        reverse("set_language"), {"language": "da", "next": "https://evil.example/phish"}
    )
    assert response["Location"] == "/"
