"""The SMTP server of the newsletter's tests (tests/newsletter/smtp.py), once per session."""

import pytest

from tests.newsletter import smtp


@pytest.fixture(scope="session")
def smtp_server():
    with smtp.smtp_server() as server:
        yield server


@pytest.fixture
def mailbox(smtp_server, settings):
    """The SMTP server's mailbox, emptied, and the site's mail sent to it through Django's SMTP backend."""
    box, port = smtp_server
    box.clear()
    smtp.use_smtp_server(settings, port)
    return box
