import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_with_the_demo_password_reaches_the_dashboard(client, demo):
    response = client.post(
        reverse("login"), {"username": "flowmanager", "password": "demo-flowmanager-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Hjertemedicinsk afdeling" in response.content.decode()


def test_wrong_password_is_refused_and_keeps_the_username(client, demo):
    response = client.post(reverse("login"), {"username": "flowmanager", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'value="flowmanager"' in html
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_out(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "producer", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "producer", "password": "demo-producer-2026"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client_as):
    client = client_as("manager")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("da-DK,da;q=0.9", "da"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("no-NO,no;q=0.9,en;q=0.5", "nb"),
        ("en-GB", "en"),
    ],
)
def test_browser_language_picks_the_ui_language(client, accept_language, expected):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert f'<html lang="{expected}">' in response.content.decode()


def test_language_switch_is_remembered(client_as):
    client = client_as("producer")
    response = client.post(reverse("set_language"), {"language": "nb", "next": reverse("maturity:scale")})
    assert response.status_code == 302
    assert response["Location"] == reverse("maturity:scale")
    html = client.get(reverse("maturity:scale"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nb">' in html
    assert "Modenhetsskalaen" in html
