"""The system check that keeps every model with translated fields under the editorial rules."""

import pytest
from django.contrib import admin
from django.core import checks

from core.admin import TopicAdmin
from core.models import Topic
from editorial.checks import check_content_admins


def test_every_content_admin_is_an_editorial_admin():
    assert check_content_admins() == []
    assert "editorial.E001" not in {message.id for message in checks.run_checks(tags=[checks.Tags.admin])}


@pytest.fixture
def topic_with_a_plain_admin():
    admin.site.unregister(Topic)
    admin.site.register(Topic, admin.ModelAdmin)
    yield
    admin.site.unregister(Topic)
    admin.site.register(Topic, TopicAdmin)


def test_a_translated_model_under_a_plain_model_admin_fails_the_check(topic_with_a_plain_admin):
    errors = check_content_admins()
    assert [(error.id, error.obj) for error in errors] == [("editorial.E001", admin.ModelAdmin)]
    assert "core.Topic" in errors[0].msg
    assert "editorial.E001" in {message.id for message in checks.run_checks(tags=[checks.Tags.admin])}
