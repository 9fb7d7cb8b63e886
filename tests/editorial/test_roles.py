"""The editorial groups get their permissions from `migrate` alone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from editorial.roles import ADMINISTRATORS


@pytest.mark.django_db
def test_migrate_gives_the_administrators_every_permission_even_of_the_last_app():
    # As on a fresh database: the last app's permissions do not exist before its post_migrate.
    Permission.objects.filter(content_type__app_label="search").delete()
    call_command("migrate", verbosity=0)
    administrators = Group.objects.get(name=ADMINISTRATORS)
    assert Permission.objects.filter(content_type__app_label="search").exists()
    assert not Permission.objects.exclude(group=administrators).exists()
