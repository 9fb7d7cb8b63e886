import factory

from partners.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Civic Forum {n}")
    name_sq = factory.Sequence(lambda n: f"Forumi Qytetar {n}")
    name_be = factory.Sequence(lambda n: f"Грамадзянскі форум {n}")
    kind = Organisation.Kind.NGO
    country = "XK"
