"""The admin's own messages read natively for every model and count, in every language.

After a save, an addition, a change or a deletion Django composes a sentence
from the model's name and, for lists, a count ("The news item “X” was added
successfully.", "5 news items were changed successfully."). Belarusian would
need the name in the accusative, and an adjective or pronoun in its gender
("дадалі навіну …, можна дадаць іншую"), which a placeholder cannot give;
Albanian starts Django's sentence with the name in lower case. The overrides
(``locale/overrides``) phrase every such message so that it needs no case or
gender of the name: the name follows a colon, in the nominative; an Albanian
count takes the indefinite plural, which every noun has ("U ndryshuan 5
lajme."). English needs a countable plural ("news items", not "news").

The add, change and delete messages come from the admin's own response
methods, called as a save calls them; the two list messages (list editing
and the delete action) are composed as Django composes them.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import model_ngettext
from django.contrib.auth.models import User
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext

pytestmark = pytest.mark.django_db

COUNTS = (1, 2, 5, 21)

# What every message reads, with the model's names filled in: {name} the singular, {names} the
# name Django picks for the count (singular for 1), {count} the count, {obj} the item's title.
EXPECTED = {
    "be": {
        "added": "Дададзена: {name} «{obj}».",
        "added, edit again": "Дададзена: {name} «{obj}». Ніжэй можна правіць далей.",
        "added, add another": "Дададзена: {name} «{obj}». Ніжэй можна дадаць яшчэ.",
        "changed": "Зменена: {name} «{obj}».",
        "changed, edit again": "Зменена: {name} «{obj}». Ніжэй можна правіць далей.",
        "changed, add another": "Зменена: {name} «{obj}». Ніжэй можна дадаць яшчэ.",
        "deleted": "Выдалена: {name} «{obj}».",
        "list changed": "Зменена: {names} — {count}.",
        "list deleted": "Выдалена: {names} — {count}.",
        "delete action": "Выдаліць выбранае: {plural}",
    },
    "sq": {
        "added": "U shtua: {name} “{obj}”.",
        "added, edit again": "U shtua: {name} “{obj}”. Më poshtë mund ta ndryshoni sërish.",
        "added, add another": "U shtua: {name} “{obj}”. Më poshtë mund të shtoni një tjetër.",
        "changed": "U ndryshua: {name} “{obj}”.",
        "changed, edit again": "U ndryshua: {name} “{obj}”. Më poshtë mund ta ndryshoni sërish.",
        "changed, add another": "U ndryshua: {name} “{obj}”. Më poshtë mund të shtoni një tjetër.",
        "deleted": "U fshi: {name} “{obj}”.",
        "list changed": ("U ndryshua {count} {names}.", "U ndryshuan {count} {names}."),
        "list deleted": "Fshirja përfundoi: {count} {names}.",
        "delete action": "Fshini të përzgjedhurat ({plural})",
    },
    "en": {
        "added": "The {name} “{obj}” was added successfully.",
        "added, edit again": "The {name} “{obj}” was added successfully. You may edit it again below.",
        "added, add another": "The {name} “{obj}” was added successfully. You may add another {name} below.",
        "changed": "The {name} “{obj}” was changed successfully.",
        "changed, edit again": "The {name} “{obj}” was changed successfully. You may edit it again below.",
        "changed, add another": "The {name} “{obj}” was changed successfully. You may add another {name} below.",
        "deleted": "The {name} “{obj}” was deleted successfully.",
        "list changed": ("{count} {names} was changed successfully.", "{count} {names} were changed successfully."),
        "list deleted": "Successfully deleted {count} {names}.",
        "delete action": "Delete selected {plural}",
    },
}
# Which button the editor pressed: Django's POST keys.
BUTTONS = {"": "", "edit again": "_continue", "add another": "_addanother"}


def registered():
    return sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


def english_plural(name):
    """The regular English plural of a (compound) noun: the last word takes -s, -es or -ies."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", name):
        return name + "es"
    return name + "s"


@pytest.fixture
def editor():
    return User.objects.create_superuser("arta", "arta@ura.example.org", "secret-pass-123")


def request_for(user, path, **post):
    request = RequestFactory().post(path, post)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def messages_of(request):
    return [strip_tags(str(message)) for message in request._messages]


def saved_messages(model_admin, user):
    """{message kind: text} as the admin shows them after each button of the add and change forms, and a delete."""
    obj = model_admin.model(pk=1)
    for field in ("title", "name", "username", "alt_text", "label"):
        if hasattr(obj, field):
            setattr(obj, field, "Prishtina")
            break
    shown = {}
    for kind, respond in (("added", model_admin.response_add), ("changed", model_admin.response_change)):
        for button, key in BUTTONS.items():
            request = request_for(user, "/admin/", **({key: "1"} if key else {}))
            respond(request, obj)
            [text] = messages_of(request)
            shown[f"{kind}, {button}" if button else kind] = text
    request = request_for(user, "/admin/")
    model_admin.response_delete(request, str(obj), obj.pk)
    [shown["deleted"]] = messages_of(request)
    return str(obj), model_admin.has_change_permission(request, obj), shown


def list_messages(model_admin, count):
    """The two list messages, composed as Django's changelist_view and delete_selected compose them."""
    names = model_ngettext(model_admin.opts, count)
    changed = ngettext(
        "%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.", count
    ) % {"count": count, "name": names}
    deleted = gettext("Successfully deleted %(count)d %(items)s.") % {"count": count, "items": names}
    return {"list changed": changed, "list deleted": deleted}


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_every_admin_message_for_every_model_and_count(editor, language):
    expected = EXPECTED[language]
    checked = 0
    with translation.override(language):
        for model, model_admin in registered():
            name, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
            title, may_change, shown = saved_messages(model_admin, editor)
            for key, text in shown.items():
                wanted = {expected[key].format(name=name, obj=title)}
                if key == "added":  # the user admin keeps the editor on the form after adding a user
                    wanted.add(expected["added, edit again"].format(name=name, obj=title))
                if key == "added, edit again" and not may_change:  # Django offers no editing it may not allow
                    wanted = {expected["added"].format(name=name, obj=title)}
                assert text in wanted, (model, key, text)
            action = str(delete_selected.short_description) % {"verbose_name_plural": plural}
            assert action == expected["delete action"].format(plural=plural), model
            for count in COUNTS:
                names = name if count == 1 else plural
                for key, text in list_messages(model_admin, count).items():
                    wanted = expected[key]
                    if isinstance(wanted, tuple):
                        wanted = wanted[0] if count == 1 else wanted[1]
                    assert text == wanted.format(count=count, names=names), (model, key, count)
                    checked += 1
    assert checked == len(registered()) * len(COUNTS) * 2


def test_model_names_give_every_language_a_sentence():
    """The names the messages use: Belarusian and Albanian lower case; English with a countable plural."""
    for model, _model_admin in registered():
        with translation.override("en"):
            name, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
            assert plural == english_plural(name), model
        for language in ("be", "sq"):
            with translation.override(language):
                name, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
                assert name[:1].islower() and plural[:1].islower(), (model, language)
        with translation.override("sq"):
            # An Albanian count takes the indefinite plural ("5 lajme"), never the definite ("5 lajmet").
            plural = str(model._meta.verbose_name_plural)
            # (The definite plural ends in -t: "lajmet", "projektet", "temat".)
            assert not plural.split()[0].endswith("t"), (model, plural)


# Ura's own list actions count items ("матэрыял", "material") or images: each count takes its form.
URA_COUNTS = {
    ("%(count)d item published.", "%(count)d items published."): {
        "be": (
            "Апублікаваны 1 матэрыял.",
            "Апублікаваныя 2 матэрыялы.",
            "Апублікавана 5 матэрыялаў.",
            "Апублікаваны 21 матэрыял.",
        ),
        "sq": (
            "U publikua 1 material.",
            "U publikuan 2 materiale.",
            "U publikuan 5 materiale.",
            "U publikuan 21 materiale.",
        ),
        "en": ("1 item published.", "2 items published.", "5 items published.", "21 items published."),
    },
    ("%(count)d item scheduled.", "%(count)d items scheduled."): {
        "be": (
            "Запланаваны 1 матэрыял.",
            "Запланаваныя 2 матэрыялы.",
            "Запланавана 5 матэрыялаў.",
            "Запланаваны 21 матэрыял.",
        ),
        "sq": (
            "U planifikua 1 material.",
            "U planifikuan 2 materiale.",
            "U planifikuan 5 materiale.",
            "U planifikuan 21 materiale.",
        ),
        "en": ("1 item scheduled.", "2 items scheduled.", "5 items scheduled.", "21 items scheduled."),
    },
    ("%(count)d item moved back to draft.", "%(count)d items moved back to draft."): {
        "be": (
            "1 матэрыял вернуты ў чарнавік.",
            "2 матэрыялы вернутыя ў чарнавік.",
            "5 матэрыялаў вернута ў чарнавік.",
            "21 матэрыял вернуты ў чарнавік.",
        ),
        "sq": (
            "1 material u kthye në skicë.",
            "2 materiale u kthyen në skicë.",
            "5 materiale u kthyen në skicë.",
            "21 materiale u kthyen në skicë.",
        ),
        "en": (
            "1 item moved back to draft.",
            "2 items moved back to draft.",
            "5 items moved back to draft.",
            "21 items moved back to draft.",
        ),
    },
    (
        "The translations of %(count)d item are marked as up to date.",
        "The translations of %(count)d items are marked as up to date.",
    ): {
        "be": (
            "Пераклады 1 матэрыялу пазначаныя як актуальныя.",
            "Пераклады 2 матэрыялаў пазначаныя як актуальныя.",
            "Пераклады 5 матэрыялаў пазначаныя як актуальныя.",
            "Пераклады 21 матэрыялу пазначаныя як актуальныя.",
        ),
        "sq": (
            "Përkthimet e 1 materiali u shënuan si të përditësuara.",
            "Përkthimet e 2 materialeve u shënuan si të përditësuara.",
            "Përkthimet e 5 materialeve u shënuan si të përditësuara.",
            "Përkthimet e 21 materialeve u shënuan si të përditësuara.",
        ),
        "en": (
            "The translations of 1 item are marked as up to date.",
            "The translations of 2 items are marked as up to date.",
            "The translations of 5 items are marked as up to date.",
            "The translations of 21 items are marked as up to date.",
        ),
    },
    (
        "%(count)d image was added to the library. Give it its alternative text.",
        "%(count)d images were added to the library. Give them their alternative text.",
    ): {
        "be": (
            "1 выява дададзена ў бібліятэку. Дайце ёй альтэрнатыўны тэкст.",
            "2 выявы дададзеныя ў бібліятэку. Дайце ім альтэрнатыўны тэкст.",
            "5 выяў дададзена ў бібліятэку. Дайце ім альтэрнатыўны тэкст.",
            "21 выява дададзена ў бібліятэку. Дайце ёй альтэрнатыўны тэкст.",
        ),
        "sq": (
            "1 imazh u shtua në bibliotekë. Jepini tekstin alternativ.",
            "2 imazhe u shtuan në bibliotekë. Jepuni tekstin alternativ.",
            "5 imazhe u shtuan në bibliotekë. Jepuni tekstin alternativ.",
            "21 imazhe u shtuan në bibliotekë. Jepuni tekstin alternativ.",
        ),
        "en": (
            "1 image was added to the library. Give it its alternative text.",
            "2 images were added to the library. Give them their alternative text.",
            "5 images were added to the library. Give them their alternative text.",
            "21 images were added to the library. Give them their alternative text.",
        ),
    },
}


@pytest.mark.parametrize("language", ["be", "sq", "en"])
@pytest.mark.parametrize("message", list(URA_COUNTS), ids=lambda pair: pair[0][:30])
def test_ura_list_messages_take_the_form_of_each_count(language, message):
    with translation.override(language):
        shown = tuple(ngettext(*message, count) % {"count": count} for count in COUNTS)
    assert shown == URA_COUNTS[message][language]
