"""The names of the engine's codes (teletravail.places.vocabulary) in the page's language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teletravail.places import vocabulary


KIND_NAMES = {
    "coworking": _("Espace de coworking"),
    "tiers_lieu": _("Tiers-lieu"),
    "fablab": _("Fablab (tiers-lieu de fabrication)"),
    "telecentre": _("Télécentre"),
    "france_services": _("France Services"),
    "cafe_travail": _("Café-travail"),
    "public_building": _("Bâtiment public (médiathèque, mairie…)"),
    "business_centre": _("Centre d'affaires"),
}
SERVICE_NAMES = {
    "high_speed_internet": _("Connexion très haut débit (fibre)"),
    "wifi": _("Wi-Fi"),
    "call_booth": _("Cabine téléphonique"),
    "video_room": _("Salle de visioconférence"),
    "meeting_room": _("Salle de réunion"),
    "printing": _("Impression"),
    "kitchen": _("Cuisine partagée"),
    "meals": _("Restauration"),
    "parking": _("Stationnement voiture"),
    "bike_parking": _("Stationnement vélo"),
    "showers": _("Douches"),
    "childcare": _("Garde d'enfants"),
    "ev_charging": _("Recharge de véhicule électrique"),
}
ACCESSIBILITY_NAMES = {
    "wheelchair": _("Accessible en fauteuil roulant"),
    "adapted_toilets": _("Toilettes adaptées"),
    "hearing_loop": _("Boucle à induction magnétique"),
    "reserved_parking": _("Place de stationnement réservée"),
}
LABEL_NAMES = {
    "fabrique_de_territoire": _("Fabrique de territoire"),
    "manufacture_de_proximite": _("Manufacture de proximité"),
}
OFFER_NAMES = {
    "desk_half_day": _("Poste à la demi-journée"),
    "desk_day": _("Poste à la journée"),
    "desk_month": _("Poste au mois"),
    "meeting_room_hour": _("Salle de réunion à l'heure"),
    "office_month": pgettext_lazy("lieu", "Bureau privatif au mois"),
}

# Every code of the engine has a name here (tests/apps/places checks it).
VOCABULARIES = (
    (vocabulary.KINDS, KIND_NAMES),
    (vocabulary.SERVICES, SERVICE_NAMES),
    (vocabulary.ACCESSIBILITY, ACCESSIBILITY_NAMES),
    (vocabulary.LABELS, LABEL_NAMES),
    (vocabulary.OFFERS, OFFER_NAMES),
)

KIND_CHOICES = [(code, KIND_NAMES[code]) for code in vocabulary.KINDS]
SERVICE_CHOICES = [(code, SERVICE_NAMES[code]) for code in vocabulary.SERVICES]
ACCESSIBILITY_CHOICES = [(code, ACCESSIBILITY_NAMES[code]) for code in vocabulary.ACCESSIBILITY]
LABEL_CHOICES = [(code, LABEL_NAMES[code]) for code in vocabulary.LABELS]
OFFER_CHOICES = [(code, OFFER_NAMES[code]) for code in vocabulary.OFFERS]
