"""The three editorial roles, as auth groups with model permissions.

- Editors: everything on the content (pages, menu, topics, the image library,
  news, projects, partners), including publishing, and the newsletter.
- Translators: see and change the content, never add, delete or publish it.
  Which fields they may change is decided by the translation workflow.
  The translators' own tools (the glossary, the translation memory) are
  theirs in full.
- Administrators: every permission of the site.

`sync_roles` only adds what is missing (and takes publishing away from
translators), so running it again changes nothing. A data migration runs it
once; `python manage.py setup_roles` brings the groups up to date after new
models arrive.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("core", "library", "portal", "news", "events", "projects", "partners")
# Apps for editors (and administrators) alone: translators get none of their permissions
# (the newsletter; the snapshots' destinations, which editors may only look at).
EDITOR_APPS = ("newsletter", "mirror")
# Apps of the translators' own tools (the glossary, the translation memory): every permission for every role.
TRANSLATOR_APPS = ("translating",)
PUBLISH_CODENAME = "can_publish"

EDITORS = "Editors"
TRANSLATORS = "Translators"
ADMINISTRATORS = "Administrators"
ROLE_NAMES = (EDITORS, TRANSLATORS, ADMINISTRATORS)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.select_related("content_type")


def role_permissions(apps):
    """{group name: queryset of the permissions it should hold}."""
    permissions = _permissions(apps)
    content = permissions.filter(content_type__app_label__in=CONTENT_APPS)
    return {
        EDITORS: permissions.filter(content_type__app_label__in=CONTENT_APPS + EDITOR_APPS + TRANSLATOR_APPS),
        TRANSLATORS: content.filter(codename__regex=r"^(view|change)_")
        | permissions.filter(content_type__app_label__in=TRANSLATOR_APPS),
        ADMINISTRATORS: permissions.all(),
    }


def sync_roles(apps=None):
    """Create the groups and give them their permissions; returns {name: number added}."""
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    added = {}
    for name, wanted in role_permissions(apps).items():
        group, _created = Group.objects.get_or_create(name=name)
        present = set(group.permissions.values_list("pk", flat=True))
        missing = [pk for pk in wanted.values_list("pk", flat=True) if pk not in present]
        group.permissions.add(*missing)
        added[name] = len(missing)
        if name == TRANSLATORS:
            group.permissions.remove(*group.permissions.filter(codename=PUBLISH_CODENAME))
    return added


def grant_app_permissions(app_label):
    """A migration operation that gives the roles the permissions of the models of ``app_label``.

    Permissions are normally created after all migrations ran; the operation creates the app's
    first, so that a new app's migration can hand them out (``operations = [grant_app_permissions("events")]``).
    """

    def grant(apps, schema_editor):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        sync_roles(apps)

    return migrations.RunPython(grant, migrations.RunPython.noop)
