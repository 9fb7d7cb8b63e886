"""Subscribers in the admin: who receives what, and a subscriber's data exported or erased on request.

Export gives everything the site keeps about the selected subscribers as JSON
(address, preferences, consent, source, delivery errors); erase deletes them for
good (nothing of an address stays: the newsletter keeps no list of former
subscribers). Addresses are neither added nor edited here: only their owners
subscribe (double opt-in) and change their choices (their preferences page).
"""

import json
from collections import Counter
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core.models import Topic
from core.views import mark_private
from newsletter import delivery, digest, mail
from newsletter.models import Delivery, Send, Subscriber, mail_languages


class PreviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Send.Kind.choices, initial=Send.Kind.WEEKLY)
    language = forms.ChoiceField(label=_("language"), choices=mail_languages)


def subscriber_data(subscriber):
    return {
        "email": subscriber.email,
        "languages": subscriber.languages,
        "topics": [topic.name for topic in subscriber.topics.all()],
        "projects": [project.title for project in subscriber.projects.all()],
        "rhythm": subscriber.rhythm,
        "state": subscriber.state,
        "source": subscriber.source,
        "requested_at": subscriber.requested_at.isoformat(),
        "consented_at": subscriber.consented_at.isoformat() if subscriber.consented_at else None,
        "delivery_errors": subscriber.bounces,
    }


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "state", "language_list", "rhythm", "source", "consented_at")
    list_filter = ("state", "rhythm", "source", "topics")
    search_fields = ("email",)
    ordering = ("email",)
    readonly_fields = (
        "email",
        "languages",
        "topics",
        "projects",
        "rhythm",
        "state",
        "source",
        "requested_at",
        "consented_at",
        "bounces",
    )
    actions = ("export_json", "erase")
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def changelist_view(self, request, extra_context=None):
        """The list, under a count of the confirmed subscribers per language and per topic."""
        active = Subscriber.objects.filter(state=Subscriber.State.ACTIVE)
        per_language = Counter(code for codes in active.values_list("languages", flat=True) for code in codes)
        names = dict(mail_languages())
        chosen = dict(
            Subscriber.topics.through.objects.filter(subscriber__state=Subscriber.State.ACTIVE)
            .values("topic")
            .annotate(n=Count("pk"))
            .values_list("topic", "n")
        )
        topics = [(topic.name, chosen[topic.pk]) for topic in Topic.objects.filter(pk__in=chosen)]
        everything = active.filter(topics__isnull=True, projects__isnull=True).count()
        extra_context = {
            **(extra_context or {}),
            "per_language": [(names[code], per_language.get(code, 0)) for code in names],
            "per_topic": topics,
            "everything": everything,
            "active_total": active.count(),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("languages"))
    def language_list(self, subscriber):
        return ", ".join(subscriber.languages)

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "erase" says what it does
        return actions

    @admin.action(description=_("Export the selected subscribers' data (JSON)"), permissions=("view",))
    def export_json(self, request, queryset):
        data = [subscriber_data(subscriber) for subscriber in queryset.prefetch_related("topics", "projects")]
        response = HttpResponse(
            json.dumps({"subscribers": data}, ensure_ascii=False, indent=2), content_type="application/json"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Erase the selected subscribers"), permissions=("delete",))
    def erase(self, request, queryset):
        _total, deleted = queryset.delete()
        count = deleted.get(Subscriber._meta.label, 0)
        self.message_user(
            request,
            # Translators: after erasing subscribers in the admin; count is how many
            ngettext("%(count)d subscriber erased.", "%(count)d subscribers erased.", count) % {"count": count},
            messages.SUCCESS,
        )


def _count(state):
    return Count("deliveries", filter=Q(deliveries__state=state))


@admin.register(Send)
class SendAdmin(admin.ModelAdmin):
    """Every send with its counts; a digest previewed, and sent to oneself as a test, before the real one goes."""

    list_display = (
        "__str__",
        "kind",
        "period_start",
        "period_end",
        "queued",
        "sent",
        "failed",
        "bounced",
        "finished_at",
    )
    list_filter = ("kind",)
    readonly_fields = ("kind", "period_start", "period_end", "created_at", "finished_at", "counts")
    change_list_template = "admin/newsletter/send/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_queued=_count(Delivery.State.QUEUED) + _count(Delivery.State.SENDING),
                n_sent=_count(Delivery.State.SENT),
                n_failed=_count(Delivery.State.FAILED),
                n_bounced=_count(Delivery.State.BOUNCED),
            )
        )

    # Translators: a column of the newsletter's sends: mails waiting or being sent
    @admin.display(description=_("queued"), ordering="n_queued")
    def queued(self, send):
        return send.n_queued

    # Translators: a column of the newsletter's sends: mails the mail server accepted
    @admin.display(description=_("sent"), ordering="n_sent")
    def sent(self, send):
        return send.n_sent

    # Translators: a column of the newsletter's sends: mails given up after several attempts
    @admin.display(description=_("failed"), ordering="n_failed")
    def failed(self, send):
        return send.n_failed

    # Translators: a column of the newsletter's sends: mails the mail server refused for good
    @admin.display(description=_("bounced"), ordering="n_bounced")
    def bounced(self, send):
        return send.n_bounced

    @admin.display(description=_("mails"))
    def counts(self, send):
        labels = dict(Delivery.State.choices)
        return ", ".join(f"{labels[state]}: {number}" for state, number in delivery.counts(send).items() if number)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("preview/", self.admin_site.admin_view(self.preview_view), name="newsletter_send_preview"),
            path(
                "preview/mail/", self.admin_site.admin_view(self.preview_mail_view), name="newsletter_send_preview_mail"
            ),
            *super().get_urls(),
        ]

    def _preview(self, request):
        form = PreviewForm(request.GET or None)
        kind, code = Send.Kind.WEEKLY, get_language()
        if form.is_valid():
            kind, code = form.cleaned_data["kind"], form.cleaned_data["language"]
        until = timezone.now()
        last = Send.objects.filter(kind=kind).order_by("-period_end").first()
        since = last.period_end if last else until - timedelta(days=delivery.PERIOD_DAYS[kind])
        found = digest.items(code, since, until)
        fresh = bool(found)
        if not found:  # nothing new: the layout with the newest items, so that there is something to look at
            found = digest.items(code, until - timedelta(days=3650), until)[:5]
        return form, kind, code, fresh, found

    def preview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, kind, code, fresh, found = self._preview(request)
        rendered = digest.render(kind, code, found) if found else None
        if request.method == "POST" and rendered is not None:
            address = request.user.email
            if not address:
                self.message_user(
                    request, _("Your user has no e-mail address: add one to receive a test."), messages.ERROR
                )
            else:
                message = mail.build(address, f"[{_('Test')}] {rendered[0]}", rendered[1], rendered[2])
                message.send()
                # Translators: after sending a test of the newsletter; address is the editor's own
                notice = _("A test was sent to %(address)s.") % {"address": address}
                self.message_user(request, notice, messages.SUCCESS)
            return redirect(f"{request.path}?{request.GET.urlencode()}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Preview a digest"),
            "form": form,
            "fresh": fresh,
            "found": found,
            "subject": rendered[0] if rendered else "",
            "text": rendered[1] if rendered else "",
            "mail_url": f"{reverse('admin:newsletter_send_preview_mail')}?{request.GET.urlencode()}",
        }
        return TemplateResponse(request, "admin/newsletter/send/preview.html", context)

    @method_decorator(xframe_options_sameorigin)
    def preview_mail_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        _form, kind, code, _fresh, found = self._preview(request)
        html = digest.render(kind, code, found)[2] if found else ""
        response = HttpResponse(html)
        # The mail's own inline styles, its images from the site, nothing else (no script).
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
        )
        return mark_private(response)
