"""The words of a place record as codes: kinds of place, services, accessibility, labels and offers.

The engine speaks in codes; the app names them in the page's language (`apps/places/vocabulary.py`).
"""

KINDS = (
    "coworking",
    "tiers_lieu",
    "fablab",
    "telecentre",
    "france_services",
    "cafe_travail",
    "public_building",
    "business_centre",
)

SERVICES = (
    "high_speed_internet",
    "wifi",
    "call_booth",
    "video_room",
    "meeting_room",
    "printing",
    "kitchen",
    "meals",
    "parking",
    "bike_parking",
    "showers",
    "childcare",
    "ev_charging",
)

ACCESSIBILITY = (
    "wheelchair",
    "adapted_toilets",
    "hearing_loop",
    "reserved_parking",
)

LABELS = (
    "fabrique_de_territoire",
    "manufacture_de_proximite",
)

# Offers of the spaces summary: the unit a price is for.
OFFERS = (
    "desk_half_day",
    "desk_day",
    "desk_month",
    "meeting_room_hour",
    "office_month",
)
