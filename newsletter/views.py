"""The newsletter's pages: subscribe, confirm, preferences, unsubscribe, privacy notice.

CSRF and the page cache. The subscribe form (on its page and in every page's
footer) carries no CSRF token, so every page that shows it stays cacheable for
anonymous visitors (portal.page_cache stores no answer that used a token), and
its POST is exempt from the CSRF check. That is safe because the POST does one
thing only: it asks for a confirmation mail to the address typed in, which anyone
could ask for from their own browser anyway; it never changes a confirmed
subscription, it answers the same whatever the address, and it is limited per
address and per client (newsletter.subscriptions). The footer's form posts an
address alone to the newsletter page (the page's language and script, a weekly
digest of everything; the confirmation mail links to the preferences).

The pages a mail links to (confirm, preferences, unsubscribe) are reached with
a signed token in the address (newsletter.tokens) and hold subscriber data: they
are private (never stored by any cache, never indexed) and send no Referer. A
token, not a session or cookie, is their credential, so they need no CSRF token
either; confirming and unsubscribing need a POST (a button, or the mail client's
one-click POST, RFC 8058), so that a link scanner fetching them changes nothing.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.views import mark_private
from newsletter import subscriptions, tokens
from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.models import Subscriber
from portal import latin
from portal.middleware import client_ip


def reading_language(request):
    """The page's language and script as a mail language: be-latn on a Łacinka page."""
    code = get_language()
    return latin.PREFIX if code == latin.SOURCE and getattr(request, "latin_script", False) else code


def private(response):
    mark_private(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(initial={"languages": [reading_language(request)]})
        return render(request, "newsletter/subscribe.html", {"form": form})
    data = request.POST.copy()
    source = Subscriber.Source.FOOTER if data.get("source") == Subscriber.Source.FOOTER else Subscriber.Source.PAGE
    if source == Subscriber.Source.FOOTER:
        data.setlist("languages", [reading_language(request)])
        data["rhythm"] = Subscriber.Rhythm.WEEKLY
    form = SubscribeForm(data)
    if not subscriptions.within_limit("client", client_ip(request), settings.NEWSLETTER_RATE_PER_CLIENT):
        form.add_error(None, _("Too many requests from your connection. Please try again in an hour."))
        response = render(request, "newsletter/subscribe.html", {"form": form}, status=429)
        response["Retry-After"] = str(subscriptions.RATE_WINDOW)
        return private(response)
    if not form.is_valid():
        return private(render(request, "newsletter/subscribe.html", {"form": form}, status=400))
    email = form.cleaned_data["email"]
    if not form.cleaned_data["website"] and subscriptions.within_limit(
        "address", email, settings.NEWSLETTER_RATE_PER_ADDRESS
    ):
        subscriptions.ask(email, form.cleaned_data, source)
    return redirect("newsletter:sent")


@require_safe
def sent(request):
    """The one answer to every accepted request: look in your mailbox."""
    return render(request, "newsletter/sent.html")


@require_safe
def privacy(request):
    return render(request, "newsletter/privacy.html", {"confirm_days": tokens.CONFIRM_DAYS})


def invalid_link(request):
    return private(render(request, "newsletter/invalid_link.html", {"confirm_days": tokens.CONFIRM_DAYS}, status=404))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscriber = tokens.read(token, tokens.CONFIRM)
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        manage = tokens.make(subscriber, tokens.MANAGE)
        return private(render(request, "newsletter/confirmed.html", {"subscriber": subscriber, "manage_token": manage}))
    return private(render(request, "newsletter/confirm.html", {"subscriber": subscriber}))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            Subscriber.objects.filter(pk=subscriber.pk).update(
                languages=form.cleaned_data["languages"], rhythm=form.cleaned_data["rhythm"]
            )
            subscriber.topics.set(form.cleaned_data["topics"])
            subscriber.projects.set(form.cleaned_data["projects"])
            saved = True
    else:
        form = PreferencesForm(
            initial={
                "languages": subscriber.languages,
                "rhythm": subscriber.rhythm,
                "topics": subscriber.topics.all(),
                "projects": subscriber.projects.all(),
            }
        )
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "unsubscribe_token": tokens.make(subscriber, tokens.UNSUBSCRIBE),
    }
    return private(render(request, "newsletter/manage.html", context, status=400 if form.errors else 200))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A button (GET), or the unsubscription itself (POST: the button, or a mail client's one click, RFC 8058).

    Unsubscribing erases the subscriber: nothing of the address stays.
    """
    subscriber = tokens.read(token, tokens.UNSUBSCRIBE)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()
        return private(render(request, "newsletter/unsubscribed.html"))
    if subscriber is None:
        return invalid_link(request)
    return private(render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber}))
