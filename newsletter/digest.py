"""What a subscriber's mail holds: the items published in a period that it follows, rendered once per group.

Subscribers who read the same language and follow the same topics and projects
get the same mail but for their own links (preferences, unsubscribe): it is
rendered (and converted to Łacinka) once per such group, with placeholders that
each recipient's links replace.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from core.text import absolute_url
from library.models import image_url
from news.models import NewsItem
from newsletter import mail
from newsletter.models import Send, Subscriber
from projects.models import Project

MANAGE_MARK = "https://newsletter.invalid/manage"
UNSUBSCRIBE_MARK = "https://newsletter.invalid/unsubscribe"
MAX_ITEMS = 30  # a digest links the newest ones; the site has the rest


def _filter(queryset, code, since, until, topics, projects, own_pk=False):
    language = mail.interface_language(code)
    queryset = queryset.published().filter(publish_at__gt=since, publish_at__lte=until)
    queryset = queryset.exclude(**{f"title_{language}": ""}).exclude(**{f"title_{language}__isnull": True})
    if topics or projects:
        chosen = Q(topics__in=topics)
        chosen |= Q(pk__in=projects) if own_pk else Q(projects__in=projects)
        queryset = queryset.filter(pk__in=queryset.model.objects.filter(chosen).values("pk"))
    return queryset.order_by("-publish_at", "-pk")[:MAX_ITEMS]


def items(code, since, until, topics=(), projects=()):
    """[{title, lead, url, image, alt}] of the news and projects published in (since, until], in `code`'s language.

    Only items that exist in that language; with topics or projects chosen, only those
    that carry one of the topics or are (or name) one of the projects.
    """
    language = mail.interface_language(code)
    news = _filter(NewsItem.objects.select_related("image"), code, since, until, topics, projects)
    new_projects = _filter(Project.objects.all(), code, since, until, topics, projects, own_pk=True)
    found = []
    with translation.override(language):
        for item in news:
            image = item.image
            found.append(
                {
                    "title": item.title,
                    "lead": item.lead,
                    "url": mail.absolute(item.get_absolute_url(), code),
                    "image": image_url(image, width=600) if image else "",
                    "alt": (image.alt_text if image else "") or "",
                }
            )
        for project in new_projects:
            found.append(
                {
                    "title": project.title,
                    "lead": project.summary,
                    "url": mail.absolute(project.get_absolute_url(), code),
                    "image": "",
                    "alt": "",
                }
            )
    for entry in found:
        if entry["image"]:
            entry["image"] = absolute_url(entry["image"])
    return found


def render(kind, code, found):
    """(subject, text, html) of a send's mail in `code`, with the recipient's links as placeholders."""
    context = {
        "kind": kind,
        "items": found,
        "manage_url": MANAGE_MARK,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "privacy_url": mail.link("newsletter:privacy", code),
        "site_url": mail.absolute(mail_home(code), code),
    }
    return mail.render("digest", code, context)


def mail_home(code):
    with mail.language(code):
        return reverse("portal:home")


def personalise(rendered, subscriber, code, to=None):
    """The message for one subscriber: the group's mail with its own links and List-Unsubscribe."""
    links = mail.subscription_links(subscriber, code)
    subject, text, html = rendered
    for mark, key in ((MANAGE_MARK, "manage_url"), (UNSUBSCRIBE_MARK, "unsubscribe_url")):
        text = text.replace(mark, links[key])
        html = html.replace(mark, links[key])
    return mail.build(
        to or subscriber.email,
        subject,
        text,
        html,
        unsubscribe_url=links["unsubscribe_url"],
        manage_url=links["manage_url"],
    )


def group_key(code, topics, projects):
    return (code, tuple(sorted(topics)), tuple(sorted(projects)))


def subscribers_by_group(rhythm):
    """{(language, topics, projects): [subscriber, ...]} of the active subscribers of `rhythm`."""
    groups = {}
    queryset = Subscriber.objects.filter(state=Subscriber.State.ACTIVE, rhythm=rhythm).prefetch_related(
        "topics", "projects"
    )
    for subscriber in queryset.iterator(chunk_size=2000):
        topics = [topic.pk for topic in subscriber.topics.all()]
        projects = [project.pk for project in subscriber.projects.all()]
        for code in subscriber.languages:
            groups.setdefault(group_key(code, topics, projects), []).append(subscriber)
    return groups


KIND_FOR_RHYTHM = {
    Subscriber.Rhythm.EACH: Send.Kind.EACH,
    Subscriber.Rhythm.WEEKLY: Send.Kind.WEEKLY,
    Subscriber.Rhythm.MONTHLY: Send.Kind.MONTHLY,
}
