from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Models can be imported only once the app registry is ready.
        from events.models import Event
        from news.models import NewsItem
        from partners.models import Organisation
        from projects.models import Project, ProjectPartner
        from search import indexing

        indexing.SOURCES[:] = indexing.discover_sources()
        for _kind, model, _texts, _prefetch in indexing.sources():
            post_save.connect(indexing.on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
            post_delete.connect(indexing.on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
        post_save.connect(indexing.on_organisation_saved, sender=Organisation, dispatch_uid="search-organisation-save")
        for through in (
            NewsItem.organisations.through,
            Project.places.through,
            Event.places.through,
            Event.organisers.through,
        ):
            m2m_changed.connect(
                indexing.on_m2m_changed, sender=through, dispatch_uid=f"search-m2m-{through._meta.label}"
            )
        post_save.connect(indexing.on_partner_role_changed, sender=ProjectPartner, dispatch_uid="search-role-save")
        post_delete.connect(indexing.on_partner_role_changed, sender=ProjectPartner, dispatch_uid="search-role-delete")
