"""Translators: who may translate into which language (content and interface catalogues).

The "Translators" group (editorial.roles) translates into every language; the
"Translators (be)", "Translators (sq)" and "Translators (en)" groups only
into theirs. Both see and change content, never add, delete or publish it;
the admin (editorial.translation_admin) limits them to translated fields.
"""

from django.apps import apps as global_apps

from core.models import LANGUAGE_CODES
from editorial import roles

TRANSLATORS_GROUP = "Translators"


def language_group_name(language):
    return f"{TRANSLATORS_GROUP} ({language})"


LANGUAGE_GROUPS = {language_group_name(code): code for code in LANGUAGE_CODES}


def translator_languages(user):
    """The languages `user` may translate into: all for superusers, none for others outside the groups."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(LANGUAGE_CODES)
    cached = getattr(user, "_ura_translator_languages", None)
    if cached is None:
        names = set(user.groups.filter(name__in=[TRANSLATORS_GROUP, *LANGUAGE_GROUPS]).values_list("name", flat=True))
        if TRANSLATORS_GROUP in names:
            cached = frozenset(LANGUAGE_CODES)
        else:
            cached = frozenset(LANGUAGE_GROUPS[name] for name in names)
        user._ura_translator_languages = cached
    return cached


def catalogue_languages(user):
    """The interface catalogues `user` may edit: all for editors and administrators, else their groups'."""
    if not getattr(user, "is_staff", False) or not user.is_active:
        return ()
    codes = set(translator_languages(user))
    if not user.is_superuser and len(codes) < len(LANGUAGE_CODES):
        if user.groups.filter(name__in=(roles.EDITORS, roles.ADMINISTRATORS)).exists():
            codes = set(LANGUAGE_CODES)
    return tuple(code for code in LANGUAGE_CODES if code in codes)


def sync_language_translator_groups(apps=None, **kwargs):
    """post_migrate: one group per language with the Translators group's permissions."""
    if apps is None:
        apps = global_apps
    try:
        Group = apps.get_model("auth", "Group")
    except LookupError:
        return
    base = Group.objects.filter(name=TRANSLATORS_GROUP).first()
    permissions = list(base.permissions.values_list("pk", flat=True)) if base else []
    for name in LANGUAGE_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if permissions:
            group.permissions.set(permissions)
