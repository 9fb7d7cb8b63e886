import datetime

import factory
from django.utils import timezone

from portal.models import Status
from projects.models import Project, ProjectPartner, Role
from tests.partners.factories import OrganisationFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title_en = factory.Sequence(lambda n: f"Interethnic dialogue {n}")
    title_sq = factory.Sequence(lambda n: f"Dialog ndëretnik {n}")
    title_be = factory.Sequence(lambda n: f"Міжэтнічны дыялог {n}")
    summary_en = "Focus groups and public events in five municipalities."
    summary_sq = "Fokus grupe dhe ngjarje publike në pesë komuna."
    summary_be = "Фокус-групы і публічныя падзеі ў пяці муніцыпалітэтах."
    start_date = datetime.date(2024, 5, 1)
    end_date = datetime.date(2024, 12, 31)
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PARTNER
