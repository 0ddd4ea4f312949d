import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission

from teletravail.places.schema import COLUMNS
from tests.factories import UserFactory


def schema_csv(*rows):
    """A CSV file in the platform's schema; each row is a dict of the columns it fills."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    writer.writerows([row.get(column, "") for column in COLUMNS] for row in rows)
    return output.getvalue().encode()


def overpass(*elements):
    return json.dumps({"version": 0.6, "elements": list(elements)}).encode()


# Two real places of Lyon (coordinates of the CGET 2019 list) in the platform's schema.
CORDEE = {
    "id": "L1",
    "nom": "La Cordée Liberté",
    "type": "coworking",
    "adresse": "1 rue de la Liberté",
    "code_postal": "69003",
    "code_insee": "69383",
    "latitude": "45.7578",
    "longitude": "4.8430",
    "horaires": "Mo-Fr 08:30-19:00",
    "services": "wifi;printing",
    "prix_journee_ht": "20",
    "taux_tva": "20",
    "date_maj": "2026-10-01",
}
VILLAGE = {
    "id": "L2",
    "nom": "Le Village by CA",
    "type": "coworking",
    "code_insee": "69382",
    "latitude": "45.7485",
    "longitude": "4.8258",
}


@pytest.fixture
def lyon(rhone_geography):
    return rhone_geography


@pytest.fixture
def operator(lyon):
    return UserFactory()


@pytest.fixture
def moderator(lyon):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="moderate_place"))
    return user
