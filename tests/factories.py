"""Factories shared by the tests. Communes come from `make_commune` so tests need not load the full table."""

import factory

from teletravail.apps.accounts.models import User
from teletravail.apps.geo.models import Commune, Departement, Region
from teletravail.apps.organisations.models import Membership, Organisation, Role, Team


# Valid SIRETs (Luhn), generated from a 9-digit base so that each factory call gets a distinct one.
def valid_siret(n):
    base = f"{123456780000 + n:013d}"
    for check in range(10):
        candidate = base + str(check)
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-de-test-1")

    @factory.post_generation
    def save_after_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    siret = factory.Sequence(valid_siret)
    headcount = 42
    naf_code = "62.01Z"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Équipe {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYEE


def make_commune(code="42218", name="Saint-Étienne", search_name="saint etienne", **extra):
    """A commune with its département and région, created on demand."""
    region, _ = Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes", "zone": "metro"})
    departement, _ = Departement.objects.get_or_create(
        code=code[:2], defaults={"name": f"Département {code[:2]}", "region": region}
    )
    defaults = {
        "name": name,
        "search_name": search_name,
        "kind": "COM",
        "departement": departement,
        "region": region,
        "postal_codes": "42000 42100",
        "population": 170000,
        "latitude": 45.4339,
        "longitude": 4.3903,
    }
    defaults.update(extra)
    commune, _ = Commune.objects.update_or_create(code=code, defaults=defaults)
    return commune
