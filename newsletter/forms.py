from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Topic
from newsletter.models import Subscriber, mail_languages
from projects.models import Project


class PreferencesForm(forms.Form):
    """What a subscriber receives: languages and scripts, topics and projects, rhythm."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=mail_languages,
        widget=forms.CheckboxSelectMultiple,
        # Translators: help under the languages of a newsletter subscription
        help_text=_("You receive one mail in each language you choose."),
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        # Translators: help under the topics and projects of a newsletter subscription
        help_text=_("Choose none to receive everything."),
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Project.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rhythm = forms.ChoiceField(
        label=_("How often"),
        choices=Subscriber.Rhythm.choices,
        widget=forms.RadioSelect,
        initial=Subscriber.Rhythm.WEEKLY,
    )


class SubscribeForm(PreferencesForm):
    """The newsletter page's form: an address and its preferences, and a field only robots fill in."""

    field_order = ("email", "languages", "topics", "projects", "rhythm")

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, such as name@example.org."),
        },
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by robots that fill in everything.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class FooterForm(forms.Form):
    """The footer's form: an address alone (the page's language and script, a weekly digest of everything)."""

    email = SubscribeForm.base_fields["email"]
    website = SubscribeForm.base_fields["website"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
