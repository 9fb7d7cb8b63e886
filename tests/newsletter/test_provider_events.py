"""A mail provider's reports (django-anymail's tracking webhook, here Postmark's): bounces count, complaints end it."""

import base64
import json

import pytest

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

URL = "/mail-events/postmark/tracking/"
SECRET = "ura:report-secret"


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def report(client, record_type, kind, email, secret=SECRET):
    """A report as Postmark posts it, with the basic auth the provider was given."""
    payload = {"RecordType": record_type, "Type": kind, "Email": email, "MessageID": "00000000-0000", "ID": 42}
    if record_type == "SpamComplaint":
        payload["Type"] = "SpamComplaint"
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=f"Basic {auth}")


def active(email):
    return Subscriber.objects.create(email=email, languages=["sq"], state=Subscriber.State.ACTIVE)


def test_hard_bounces_reported_by_the_provider_disable_the_address_at_the_limit(client, webhook_secret, settings):
    settings.NEWSLETTER_BOUNCE_LIMIT = 3
    subscriber = active("lule@example.org")
    for expected_state in (Subscriber.State.ACTIVE, Subscriber.State.ACTIVE, Subscriber.State.DISABLED):
        assert report(client, "Bounce", "HardBounce", "Lule@Example.org").status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.state == expected_state
    assert subscriber.bounces == 3


def test_a_spam_complaint_ends_the_subscription(client, webhook_secret):
    active("ankesa@example.org")
    kept = active("tjeter@example.org")
    assert report(client, "SpamComplaint", "SpamComplaint", "ankesa@example.org").status_code == 200
    assert list(Subscriber.objects.all()) == [kept]


def test_a_transient_problem_counts_nothing(client, webhook_secret):
    subscriber = active("vonese@example.org")
    assert report(client, "Bounce", "Transient", "vonese@example.org").status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.bounces, subscriber.state) == (0, Subscriber.State.ACTIVE)


def test_a_report_without_the_secret_changes_nothing(client, webhook_secret):
    active("ankesa@example.org")
    response = report(client, "SpamComplaint", "SpamComplaint", "ankesa@example.org", secret="ura:guessed")
    assert response.status_code == 400
    assert Subscriber.objects.filter(email="ankesa@example.org").exists()


def test_without_a_configured_secret_no_report_is_accepted(client):
    # The settings' stand-in is random: nobody can write it.
    active("ankesa@example.org")
    assert report(client, "SpamComplaint", "SpamComplaint", "ankesa@example.org").status_code == 400
    assert Subscriber.objects.filter(email="ankesa@example.org").exists()
