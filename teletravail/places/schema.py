"""The platform's published CSV schema for places: columns, their meaning, and how multi-valued cells are written.

Column names follow the « lieux de médiation numérique » schema where it has the same field (nom, adresse,
code_postal, code_insee, latitude, longitude, horaires, prise_rdv, date_maj), with telework extensions.
"""

from teletravail.places.vocabulary import ACCESSIBILITY, KINDS, LABELS, SERVICES


LIST_SEPARATOR = ";"

# column: French description (the schema's documentation)
COLUMNS = {
    "id": "Identifiant unique du lieu chez le producteur de la donnée (obligatoire).",
    "nom": "Nom du lieu (obligatoire).",
    "type": f"Type de lieu (obligatoire) : {', '.join(KINDS)}.",
    "adresse": "Numéro et voie.",
    "code_postal": "Code postal, 5 chiffres.",
    "code_insee": "Code INSEE de la commune (COG), 5 caractères (obligatoire).",
    "latitude": "Latitude WGS84 en degrés décimaux (obligatoire).",
    "longitude": "Longitude WGS84 en degrés décimaux (obligatoire).",
    "siret": "SIRET de l'exploitant, 14 chiffres.",
    "site_web": "Site web du lieu.",
    "telephone": "Téléphone.",
    "courriel": "Adresse électronique de contact.",
    "horaires": "Horaires d'ouverture dans la syntaxe OpenStreetMap opening_hours.",
    "services": f"Services, séparés par « ; » : {', '.join(SERVICES)}.",
    "accessibilite": f"Accessibilité, séparée par « ; » : {', '.join(ACCESSIBILITY)}.",
    "fiche_acces_libre": "Adresse de la fiche Acceslibre du lieu.",
    "presentation": "Présentation du lieu (texte).",
    "prise_rdv": "Lien de réservation sur le site de l'exploitant.",
    "labels": f"Labels, séparés par « ; » : {', '.join(LABELS)}.",
    "postes": "Nombre de postes de travail.",
    "salles_reunion": "Nombre de salles de réunion.",
    "prix_demi_journee_ht": "Prix d'un poste à la demi-journée, en euros hors taxes.",
    "prix_journee_ht": "Prix d'un poste à la journée, en euros hors taxes.",
    "prix_mois_ht": "Prix d'un poste au mois, en euros hors taxes.",
    "prix_salle_heure_ht": "Prix d'une salle de réunion à l'heure, en euros hors taxes.",
    "prix_bureau_mois_ht": "Prix d'un bureau privatif au mois, en euros hors taxes.",
    "taux_tva": "Taux de TVA des prix, en pourcentage (20 pour 20 %).",
    "date_maj": "Date de la dernière vérification de la fiche, AAAA-MM-JJ.",
    "licence": "Licence de la fiche (par défaut Licence Ouverte 2.0).",
}
REQUIRED_COLUMNS = ("id", "nom", "type", "code_insee", "latitude", "longitude")
OFFER_COLUMNS = {
    "prix_demi_journee_ht": "desk_half_day",
    "prix_journee_ht": "desk_day",
    "prix_mois_ht": "desk_month",
    "prix_salle_heure_ht": "meeting_room_hour",
    "prix_bureau_mois_ht": "office_month",
}
