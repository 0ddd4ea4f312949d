"""Transport modes of the impact engine: codes, French labels and how each mode is costed.

Twelve individual modes (a person's answer) and three census aggregates (INSEE's commuting tables only
know "voiture", "transports en commun" and "pas de transport"):
- ``voiture``: the car fleet, thermal and electric mixed by ``electric_car_share_of_fleet``;
- ``transports_en_commun``: urban public transport mixed by ``public_transport_mix_weight.*`` (its time uses a
  door-to-door speed of its own, ``average_speed_kmh.transports_en_commun``);
- ``aucun``: no commute (already works at home): zero trips, untouched by a telework scenario.
"""

INDIVIDUAL_MODES = (
    "voiture_thermique",
    "voiture_electrique",
    "covoiturage",
    "moto",
    "bus",
    "tramway",
    "metro",
    "rer",
    "train",
    "velo",
    "velo_electrique",
    "marche",
)
AGGREGATE_MODES = ("voiture", "transports_en_commun", "aucun")
MODES = INDIVIDUAL_MODES + AGGREGATE_MODES

MODE_LABELS = {
    "voiture_thermique": "Voiture thermique",
    "voiture_electrique": "Voiture électrique",
    "covoiturage": "Covoiturage",
    "moto": "Moto",
    "bus": "Bus",
    "tramway": "Tramway",
    "metro": "Métro",
    "rer": "RER ou Transilien",
    "train": "Train (TER)",
    "velo": "Vélo",
    "velo_electrique": "Vélo à assistance électrique",
    "marche": "Marche",
    "voiture": "Voiture (parc thermique et électrique)",
    "transports_en_commun": "Transports en commun",
    "aucun": "Pas de déplacement",
}

MODE_INDEX = {mode: index for index, mode in enumerate(MODES)}

# Modes that burn fuel, and which: their CO2 per km is their fuel use × the fuel's emission factor per litre plus
# the vehicle's construction (`construction_emission_factor_kgco2e_per_km.<mode>`), so fuel and CO2 always agree.
FUEL_OF_MODE = {"voiture_thermique": "gazole", "moto": "essence"}
# Modes with their own emission factor parameter (`emission_factor_kgco2e_per_km.<mode>`).
EMISSION_FACTOR_MODES = tuple(mode for mode in INDIVIDUAL_MODES if mode not in ("covoiturage", *FUEL_OF_MODE))
# Modes mixed into `transports_en_commun` (`public_transport_mix_weight.<mode>`).
PUBLIC_TRANSPORT_MIX_MODES = ("bus", "tramway", "metro", "rer")
# Modes whose commuters hold a public transport pass.
PUBLIC_TRANSPORT_MODES = ("bus", "tramway", "metro", "rer", "train", "transports_en_commun")
# Modes costed with the car barème kilométrique, the motorcycle one, and modes that burn fuel.
CAR_BAREME_MODES = ("voiture_thermique", "voiture_electrique", "covoiturage", "voiture")
MOTO_BAREME_MODES = ("moto",)
# Public transport modes timed with an access and waiting time per trip on top of their vehicle's speed (the census
# « transports_en_commun » has a door-to-door speed that includes them).
ACCESS_TIMED_MODES = ("rer", "train")
# Modes that commute at all (every mode but "aucun").
COMMUTING_MODES = tuple(mode for mode in MODES if mode != "aucun")


def mode_label(mode):
    return MODE_LABELS.get(mode, mode)
