"""The editorial roles and their permission boundaries."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from editorial.roles import ADMINISTRATORS, EDITORS, TRANSLATORS

pytestmark = pytest.mark.django_db

CONTENT = ["portal.change_page", "news.change_newsitem", "projects.change_project", "partners.change_organisation"]
PUBLISH = ["portal.can_publish", "news.can_publish", "projects.can_publish"]


def group_perms(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_setup_roles_is_idempotent():
    call_command("setup_roles", stdout=StringIO())
    before = {name: group_perms(name) for name in (EDITORS, TRANSLATORS, ADMINISTRATORS)}
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert "Editors: 0 permission(s) added" in out.getvalue()
    assert Group.objects.filter(name__in=[EDITORS, TRANSLATORS, ADMINISTRATORS]).count() == 3
    assert {name: group_perms(name) for name in before} == before


def test_editors_manage_and_publish_all_content():
    call_command("setup_roles", stdout=StringIO())
    perms = group_perms(EDITORS)
    assert set(CONTENT + PUBLISH) <= perms
    assert {"news.add_newsitem", "news.delete_newsitem", "projects.change_objective", "portal.change_menuitem"} <= perms
    assert "auth.change_user" not in perms


def test_translators_change_but_never_add_delete_or_publish():
    call_command("setup_roles", stdout=StringIO())
    perms = group_perms(TRANSLATORS)
    assert set(CONTENT) <= perms
    assert not perms & set(PUBLISH)
    assert not {
        p for p in perms if p.split(".")[1].startswith(("add_", "delete_")) and not p.startswith("translating.")
    }
    # Their own tools are theirs: the glossary in full.
    assert {"translating.add_glossaryterm", "translating.delete_glossaryterm"} <= perms


def test_translators_lose_publish_permission_given_by_mistake():
    call_command("setup_roles", stdout=StringIO())
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=TRANSLATORS)
    group.permissions.add(*Permission.objects.filter(codename="can_publish"))
    call_command("setup_roles", stdout=StringIO())
    assert not group_perms(TRANSLATORS) & set(PUBLISH)


def test_administrators_hold_every_permission():
    call_command("setup_roles", stdout=StringIO())
    perms = group_perms(ADMINISTRATORS)
    assert {"auth.change_user", "auth.change_group", *PUBLISH, *CONTENT} <= perms


def test_the_migration_created_the_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, TRANSLATORS, ADMINISTRATORS}
