"""The names the pages give to the engine's closed choices, in the catalogue so that English pages show English: the
engine's data (teletravail/charter/data/choices.yaml) hold the French text each choice puts in the document, not a
label. {org} stands for the organisation's name, {of_org} for « de » and the name, elided where French elides it.
"""

from django.utils.translation import gettext_lazy as _


DOCUMENT_TYPE_LABELS = {
    "charte": _("Charte de télétravail"),
    "accord_entreprise": _("Accord d'entreprise relatif au télétravail"),
    "arrete": _("Arrêté relatif à la mise en œuvre du télétravail"),
    "deliberation": _("Délibération relative à la mise en œuvre du télétravail"),
    "decision": _("Décision relative à la mise en œuvre du télétravail"),
}

CHOICE_LABELS = {
    "objectives": {
        "qualite_de_vie": _(
            "Mieux concilier vie professionnelle et vie personnelle et améliorer la qualité de vie au travail"
        ),
        "trajets": _("Réduire la fatigue, le temps et le coût des trajets domicile-travail"),
        "environnement": _("Réduire les émissions liées aux déplacements"),
        "attractivite": _("Renforcer l'attractivité {of_org} et fidéliser les équipes"),
        "continuite": _("Assurer la continuité de l'activité en cas de perturbation"),
    },
    "places": {
        "domicile": _("La résidence principale"),
        "residence_secondaire": _("Une résidence secondaire déclarée, située en France"),
        "tiers_lieu": _("Un tiers-lieu ou un espace de coworking, en France"),
        "local_professionnel": _(
            "Un local professionnel mis à disposition par l'employeur, distinct du lieu d'affectation"
        ),
    },
    "equipment": {
        "ordinateur_portable": _("Un ordinateur portable équipé des logiciels nécessaires"),
        "ecran": _("Un écran supplémentaire"),
        "clavier_souris": _("Un clavier et une souris"),
        "casque": _("Un casque audio avec micro"),
        "telephone_mobile": _("Un téléphone mobile professionnel"),
        "siege": _("Un siège adapté, sur demande"),
    },
    "monitoring_tools": {
        "suivi_objectifs": _("Le suivi des objectifs fixés lors des échanges avec le responsable hiérarchique"),
        "compte_rendu": _("Un compte rendu d'activité hebdomadaire rédigé par le télétravailleur"),
        "declaration_temps": _("La déclaration du temps de travail dans l'outil de gestion des temps"),
        "webcam_permanente": _("Une surveillance permanente par webcam ou par le micro"),
        "partage_ecran_permanent": _("Un partage d'écran permanent"),
        "enregistreur_frappe": _("Un enregistreur de frappe"),
        "captures_ecran": _("Des captures d'écran périodiques"),
        "mesure_inactivite": _("La mesure de l'inactivité du clavier ou de la souris"),
        "clics_presence": _("Des actions répétées pour prouver sa présence"),
    },
    "acceptance": {
        "formulaire_signe": _("Formulaire individuel signé (annexe de la charte)"),
        "avenant": _("Avenant au contrat de travail"),
        "courriel": _("Courriel de réponse à la confirmation de l'employeur"),
    },
    "pollution_telework": {
        "prioritaire": _("Télétravail ouvert pendant l'épisode, sur simple information du responsable"),
        "sur_demande": _("Jour de télétravail supplémentaire sur demande"),
    },
    "working_time_control": {
        "horaire_collectif": _("Horaire collectif, heures au-delà déclarées et rémunérées"),
        "auto_declaration": _("Déclaration hebdomadaire du temps travaillé, validée par le responsable"),
        "forfait_jours": _("Forfait annuel en jours, avec suivi mensuel des repos"),
    },
    "allowance_modes": {
        "frais_reels": _("Remboursement des frais réels sur justificatifs"),
        "par_jour": _("Allocation forfaitaire par jour de télétravail"),
        "par_mois": _("Allocation forfaitaire mensuelle"),
        "par_jour_hebdomadaire": _("Allocation mensuelle par jour de télétravail hebdomadaire"),
        "forfait_public": _("Forfait télétravail réglementaire (décret n° 2021-1123)"),
    },
}
