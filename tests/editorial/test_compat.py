"""The private django-reversion names editorial.compat relies on still mean what it expects."""

from editorial.compat import followed_relations
from news.models import NewsItem
from projects.models import Project


def test_reversion_follows_a_projects_rows_and_no_relation_of_a_news_item():
    assert {"objectives", "activities", "documents", "gallery", "partner_roles"} <= set(followed_relations(Project))
    assert followed_relations(NewsItem) == ()
