"""Every environment variable a production instance reads, in one list: its name, whether it is required or its
default, what it means, and how it is checked.

`teletravail.settings.prod` checks the whole environment against this list before anything else and stops with
every problem, in French; `manage.py check --deploy` reports the same problems; `manage.py settings_reference`
prints the list (the table of docs/deploy.md, which a test keeps equal to it). No Django import here: the settings
read it before Django is set up.
"""

from dataclasses import dataclass


TEXT, SECRET, INTEGER, NUMBER, FLAG, CHOICE, HOSTS, EMAIL, DATABASE_URL, URL = (
    "text",
    "secret",
    "integer",
    "number",
    "flag",
    "choice",
    "hosts",
    "email",
    "database_url",
    "url",
)
SECRET_KEY_MIN_LENGTH = 50


@dataclass(frozen=True)
class Variable:
    name: str
    meaning: str
    # None: required (or required when `required_when` holds).
    default: str | None = None
    kind: str = TEXT
    choices: tuple = ()
    # (other variable, value): required only when that variable has that value; ignored otherwise.
    required_when: tuple | None = None
    # Who reads it when it is not the Django settings (the gunicorn configuration).
    reader: str = "django"
    minimum: float | None = None

    @property
    def required(self):
        return self.default is None and self.required_when is None


STORAGE_S3 = ("TELETRAVAIL_STORAGE", "s3")

VARIABLES = (
    # Security and hosts.
    Variable(
        "DJANGO_SECRET_KEY",
        "Clé secrète de Django (sessions, jetons) : au moins 50 caractères aléatoires.",
        kind=SECRET,
    ),
    Variable(
        "DJANGO_ALLOWED_HOSTS",
        "Noms d'hôte servis, séparés par des virgules (ex. teletravail.example.fr,127.0.0.1).",
        kind=HOSTS,
    ),
    Variable(
        "DJANGO_SECURE_SSL_REDIRECT",
        "1 : toute requête HTTP est redirigée vers HTTPS ; 0 seulement derrière un serveur frontal qui le fait déjà, "
        "ou sur la boucle locale (tests).",
        default="1",
        kind=FLAG,
    ),
    Variable(
        "DJANGO_TRUSTED_PROXY_IP_HEADER",
        "En-tête où le serveur frontal écrit l'adresse du client (ex. X-Forwarded-For) ; vide sans serveur frontal.",
        default="",
    ),
    Variable(
        "DJANGO_TRUSTED_PROXY_COUNT",
        "Nombre de serveurs frontaux qui ajoutent une adresse à cet en-tête.",
        default="1",
        kind=INTEGER,
        minimum=1,
    ),
    # Database.
    Variable(
        "DATABASE_URL",
        "Base PostgreSQL : postgres://UTILISATEUR:MOT_DE_PASSE@HÔTE:5432/BASE.",
        kind=DATABASE_URL,
    ),
    Variable(
        "DATABASE_CONN_MAX_AGE",
        "Durée de vie des connexions à la base, en secondes (0 : une connexion par requête ; 60 conseillé en "
        "production).",
        default="0",
        kind=INTEGER,
        minimum=0,
    ),
    # Files: uploads and generated documents.
    Variable(
        "TELETRAVAIL_STORAGE",
        "Où sont gardés les fichiers déposés et les documents produits : local (un dossier) ou s3 (stockage "
        "compatible S3).",
        default="local",
        kind=CHOICE,
        choices=("local", "s3"),
    ),
    Variable(
        "DJANGO_MEDIA_ROOT",
        "Dossier des fichiers quand TELETRAVAIL_STORAGE=local (l'utilisateur du service doit pouvoir y écrire).",
        default="/var/lib/teletravail/fichiers",
    ),
    Variable("AWS_STORAGE_BUCKET_NAME", "Nom du compartiment (bucket) S3.", required_when=STORAGE_S3),
    Variable(
        "AWS_S3_ENDPOINT_URL",
        "Adresse du service S3 (ex. https://s3.fr-par.example.net) ; vide pour Amazon S3.",
        default="",
        kind=URL,
    ),
    Variable("AWS_S3_REGION_NAME", "Région du service S3, si le fournisseur en demande une.", default=""),
    Variable("AWS_ACCESS_KEY_ID", "Identifiant de la clé d'accès S3.", required_when=STORAGE_S3),
    Variable("AWS_SECRET_ACCESS_KEY", "Secret de la clé d'accès S3.", kind=SECRET, required_when=STORAGE_S3),
    # E-mail.
    Variable(
        "DJANGO_EMAIL_BACKEND",
        "Moteur d'envoi des courriels (SMTP par défaut).",
        default="django.core.mail.backends.smtp.EmailBackend",
    ),
    Variable("EMAIL_HOST", "Serveur SMTP.", default="localhost"),
    Variable("EMAIL_PORT", "Port du serveur SMTP (587 : soumission avec STARTTLS).", default="587", kind=INTEGER),
    Variable("EMAIL_HOST_USER", "Identifiant SMTP (vide : sans authentification).", default=""),
    Variable("EMAIL_HOST_PASSWORD", "Mot de passe SMTP.", default="", kind=SECRET),
    Variable("EMAIL_USE_TLS", "1 : STARTTLS vers le serveur SMTP.", default="1", kind=FLAG),
    Variable("DEFAULT_FROM_EMAIL", "Expéditeur des courriels de la plateforme.", kind=EMAIL),
    # Who runs the instance (legal pages).
    Variable("PLATFORM_OPERATOR", "Organisme qui exploite l'instance (mentions légales)."),
    Variable(
        "PLATFORM_CONTACT_EMAIL", "Adresse de contact affichée (mentions légales, données personnelles).", kind=EMAIL
    ),
    # Logs and health.
    Variable(
        "DJANGO_LOG_LEVEL",
        "Niveau des journaux (lignes JSON sur la sortie standard).",
        default="INFO",
        kind=CHOICE,
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    Variable(
        "HEALTH_MAX_QUEUE_WAIT_SECONDS",
        "Attente au-delà de laquelle /sante/ signale la file de calculs en panne (aucun serveur de calcul ne prend "
        "les calculs), en secondes.",
        default="600",
        kind=NUMBER,
        minimum=1,
    ),
    # Limits of the work done within a request, and the job queue.
    Variable(
        "SIMULATION_MAX_EMPLOYEES",
        "Salariés au plus dans une simulation employeur en ligne.",
        "5000",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "SIMULATION_MAX_JOB_TITLES",
        "Intitulés de poste distincts au plus dans une simulation employeur en ligne.",
        "100",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "API_ANONYMOUS_CALLS_PER_MINUTE",
        "Appels anonymes de l'API (simulations, lieux) permis par adresse IP et par minute avant d'être ralentis.",
        "60",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "SIMULATION_API_MAX_OVERRIDES",
        "Paramètres qu'un appel de simulation de l'API peut remplacer.",
        "200",
        INTEGER,
        minimum=0,
    ),
    Variable(
        "SIMULATION_KEPT_FILES_HOURS",
        "Heures pendant lesquelles le simulateur de territoire garde, dans le stockage des fichiers, le fichier de "
        "flux envoyé et le résultat de son calcul.",
        "24",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "SIMULATION_TERRITORY_SECONDS_PER_MB",
        "Durée attendue d'une simulation de territoire par Mo de fichier de flux, en secondes (pour l'avancement "
        "affiché).",
        "0.2",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "SIMULATION_TERRITORY_MAX_SECONDS",
        "Durée au-delà de laquelle une simulation de territoire en cours est tenue pour perdue avec son serveur de "
        "calcul, en secondes.",
        "900",
        NUMBER,
        minimum=1,
    ),
    Variable(
        "SIMULATION_NATIONAL_EXPECTED_SECONDS",
        "Durée attendue d'une simulation sur la table nationale synthétique, en secondes (pour l'avancement affiché).",
        "60",
        NUMBER,
        minimum=1,
    ),
    Variable(
        "SIMULATION_NATIONAL_FLOWS_ROWS",
        "Lignes de la table nationale synthétique proposée par le simulateur de territoire (vide : le nombre "
        "national, environ 8,9 millions).",
        default="",
    ),
    Variable(
        "UPLOAD_MAX_MB_CHARTER_DOCUMENT",
        "Taille maximale d'un document de charte déposé, en Mo.",
        "5",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "UPLOAD_MAX_MB_MEMBER_IMPORT",
        "Taille maximale d'un fichier d'import de membres, en Mo.",
        "5",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "UPLOAD_MAX_MB_STAFF_FILE",
        "Taille maximale d'un fichier de salariés (simulation employeur), en Mo.",
        "5",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "UPLOAD_MAX_MB_FLOWS_FILE",
        "Taille maximale d'un fichier de flux simulé pendant la requête (API, téléchargement envoyé avec son "
        "fichier), en Mo.",
        "50",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "UPLOAD_MAX_MB_PLACES_FILE",
        "Taille maximale d'un fichier de lieux de télétravail importé par un modérateur, en Mo.",
        "2",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "UPLOAD_MAX_MB_FLOWS_FILE_JOB",
        "Taille maximale d'un fichier de flux envoyé par la page du simulateur de territoire (simulé en "
        "arrière-plan), en Mo.",
        "1024",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "JOBS_MAX_ATTEMPTS",
        "Essais d'un calcul dont le serveur de calcul s'est arrêté avant qu'il soit déclaré échoué.",
        "2",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "JOBS_RETRY_DELAY_SECONDS",
        "Délai avant le second essai d'un envoi de courriel refusé par le serveur SMTP, en secondes.",
        "60",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "JOBS_LEASE_MARGIN_SECONDS",
        "Marge ajoutée à la durée prévue d'un calcul avant de le croire abandonné, en secondes.",
        "60",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "JOBS_WORKER_INTERVAL_SECONDS",
        "Intervalle entre deux recherches de calcul d'un serveur de calcul inactif, en secondes.",
        "1",
        NUMBER,
        minimum=0,
    ),
    Variable(
        "JOBS_SWEEP_INTERVAL_SECONDS",
        "Intervalle entre deux recherches de calculs abandonnés, en secondes.",
        "30",
        NUMBER,
        minimum=1,
    ),
    Variable(
        "PLANNER_SOLVER_TIME_LIMIT_SECONDS",
        "Temps accordé au calcul d'un planning, en secondes.",
        "20",
        NUMBER,
        minimum=1,
    ),
    Variable(
        "PLANNER_SOLVER_WORKERS",
        "Cœurs utilisés par le calcul d'un planning (0 : tous ceux du serveur de calcul).",
        "0",
        INTEGER,
        minimum=0,
    ),
    Variable("AUDIT_LOG_EVENTS_PER_PAGE", "Événements par page du journal d'audit.", "50", INTEGER, minimum=1),
    Variable(
        "ORGANISATION_EXPORT_MAX_ROWS",
        "Lignes au plus de l'archive d'une organisation téléchargée en ligne (au-delà : la commande "
        "teletravail organisation export).",
        "300000",
        INTEGER,
        minimum=1,
    ),
    # Commune searches and the places map.
    Variable("GEO_SEARCH_MAX_RESULTS", "Résultats au plus d'une recherche de communes.", "50", INTEGER, minimum=1),
    Variable("GEO_WIDGET_RESULTS", "Communes proposées par le champ de recherche.", "10", INTEGER, minimum=1),
    Variable(
        "PLACES_NEAR_HOME_RESULTS",
        "Lieux de télétravail proposés autour du domicile d'une personne.",
        "5",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "GEO_MAX_CANDIDATES",
        "Communes proposées pour un code ambigu (un code postal partagé par plusieurs communes).",
        "10",
        INTEGER,
        minimum=1,
    ),
    Variable(
        "PLACES_MAP_TILE_URL",
        "Adresse de tuiles de la carte des lieux (ex. https://tuiles.example.fr/{z}/{x}/{y}.png) ; vide : les "
        "contours des départements seuls, sans serveur de tuiles.",
        default="",
        kind=URL,
    ),
    Variable("PLACES_MAP_TILE_ATTRIBUTION", "Mention de la source des tuiles, affichée sur la carte.", default=""),
    # gunicorn (deploy/gunicorn.conf.py).
    Variable("GUNICORN_BIND", "Adresse d'écoute de gunicorn.", default="127.0.0.1:8000", reader="gunicorn"),
    Variable(
        "GUNICORN_WORKERS",
        "Processus gunicorn (0 : 2 × cœurs + 1).",
        default="0",
        kind=INTEGER,
        minimum=0,
        reader="gunicorn",
    ),
    Variable(
        "GUNICORN_THREADS", "Fils par processus gunicorn.", default="2", kind=INTEGER, minimum=1, reader="gunicorn"
    ),
    Variable(
        "GUNICORN_TIMEOUT",
        "Secondes avant qu'une requête bloquée fasse redémarrer son processus.",
        default="60",
        kind=INTEGER,
        minimum=1,
        reader="gunicorn",
    ),
)

BY_NAME = {variable.name: variable for variable in VARIABLES}
FLAG_VALUES = {"1": True, "0": False}


class InvalidValue(ValueError):
    pass


def _parse(variable, raw):
    """The typed value of `raw`, or InvalidValue with the reason in French."""
    kind = variable.kind
    if kind in (INTEGER, NUMBER):
        try:
            value = int(raw) if kind == INTEGER else float(raw)
        except ValueError:
            expected = "un nombre entier" if kind == INTEGER else "un nombre"
            raise InvalidValue(f"doit être {expected} (reçu « {raw} »)") from None
        if variable.minimum is not None and value < variable.minimum:
            raise InvalidValue(f"doit valoir au moins {variable.minimum:g} (reçu « {raw} »)")
        return value
    if kind == FLAG:
        if raw not in FLAG_VALUES:
            raise InvalidValue(f"doit valoir 1 ou 0 (reçu « {raw} »)")
        return FLAG_VALUES[raw]
    if kind == CHOICE:
        if raw not in variable.choices:
            raise InvalidValue(f"doit valoir {' ou '.join(variable.choices)} (reçu « {raw} »)")
        return raw
    if kind == SECRET and variable.name == "DJANGO_SECRET_KEY" and len(raw) < SECRET_KEY_MIN_LENGTH:
        raise InvalidValue(f"doit contenir au moins {SECRET_KEY_MIN_LENGTH} caractères (en a {len(raw)})")
    if kind == HOSTS:
        hosts = [host.strip() for host in raw.split(",") if host.strip()]
        if not hosts:
            raise InvalidValue("doit nommer au moins un hôte")
        return hosts
    if kind == EMAIL and ("@" not in raw or raw.startswith("@") or raw.endswith("@")):
        raise InvalidValue(f"doit être une adresse électronique (reçu « {raw} »)")
    if kind == DATABASE_URL and not raw.startswith(("postgres://", "postgresql://")):
        raise InvalidValue("doit désigner une base PostgreSQL (postgres://…) en production")
    if kind == URL and raw and not raw.startswith(("http://", "https://")):
        raise InvalidValue(f"doit commencer par https:// ou http:// (reçu « {raw} »)")
    return raw


def _required(variable, environ):
    if variable.required_when is not None:
        other, value = variable.required_when
        return environ.get(other, BY_NAME[other].default) == value
    return variable.required


def read(environ):
    """(values, problems): the typed value of every variable (its default when unset; None when a conditional one
    is not needed), and one French sentence per missing or invalid variable."""
    values, problems = {}, []
    for variable in VARIABLES:
        raw = environ.get(variable.name)
        if raw is None or (raw == "" and variable.default is None):
            if _required(variable, environ):
                problems.append(f"{variable.name} manque : {variable.meaning}")
                values[variable.name] = None
                continue
            raw = variable.default
        if raw is None:
            values[variable.name] = None
            continue
        try:
            values[variable.name] = _parse(variable, raw)
        except InvalidValue as exc:
            problems.append(f"{variable.name} {exc}.")
            values[variable.name] = None
    return values, problems


def describe_problems(problems):
    """The message a production start stops with."""
    return "\n".join(
        [
            "La configuration de production est incomplète ou invalide (voir docs/deploy.md, "
            "« manage.py settings_reference ») :",
            *(f"- {problem}" for problem in problems),
        ]
    )


def _requirement(variable):
    if variable.required_when is not None:
        other, value = variable.required_when
        return f"obligatoire si {other}={value}"
    if variable.required:
        return "obligatoire"
    return f"`{variable.default}`" if variable.default else "(vide)"


def reference_table():
    """The list as a Markdown table (docs/deploy.md holds a copy a test compares)."""
    lines = ["| Variable | Valeur par défaut | Lue par | Signification |", "|---|---|---|---|"]
    for variable in VARIABLES:
        meaning = variable.meaning.replace("|", "\\|")
        lines.append(f"| `{variable.name}` | {_requirement(variable)} | {variable.reader} | {meaning} |")
    return "\n".join(lines)
