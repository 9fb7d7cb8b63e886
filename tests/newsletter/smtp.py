"""A real SMTP server for the newsletter's tests (aiosmtpd, in a thread): what it received, parsed."""

import email
import email.policy
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Mailbox:
    """Every message the server accepted, as email.message.EmailMessage, with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.refuse = set()  # recipients answered with 550 (a permanent error)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [message for rcpts, message in self.messages if address in rcpts]

    def clear(self):
        with self.lock:
            self.messages.clear()
        self.refuse.clear()


@contextmanager
def smtp_server():
    """(mailbox, port) of an SMTP server on 127.0.0.1, stopped at the end."""
    mailbox = Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def use_smtp_server(settings, port, site_url="https://ura.example.org"):
    """The site's mail to that server through Django's SMTP backend, its links to `site_url`."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = site_url
