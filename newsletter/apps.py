from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    # Translators: a section of the admin's index: readers who follow the site by e-mail
    verbose_name = _("Newsletter")

    def ready(self):
        from anymail.signals import tracking

        from newsletter.delivery import provider_event

        # A provider's report (django-anymail's webhooks) counts like the mail server's own refusal.
        tracking.connect(provider_event, dispatch_uid="ura_newsletter_provider_event")
