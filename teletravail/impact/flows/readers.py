"""Read a home-to-work flows file into the standard flows table, all or nothing.

Three layouts are recognised from the header, in CSV, XLSX (read by the one table reader of every upload,
`teletravail.uploads.tables`: UTF-8 or Windows-1252, `;`, `,`, tab or `|`; decimal comma or point) or Parquet:

- INSEE « base flux de mobilité »: `CODGEO`, `DCLT`, `NBFLUX_Cyy_ACTOCC15P` (any vintage `yy`), optional `TRANS`
  (the split by mode bundled in teletravail/data/mobpro); without `TRANS` the mode is assigned from national
  shares by distance band (flows.yaml) and the metadata says so;
- INSEE detail file FD_MOBPRO: `COMMUNE`, `DCLT`, `TRANS`, `IPONDI`, optional `ARM` (other columns ignored);
- the standard layout of the platform: `home`, `work`, `mode`, `workers`, optional `distance_km`.

A CSV or XLSX file is read row by row and only the needed columns are kept, in Polars batches; Parquet is scanned
lazily by Polars. The file is fully read before anything is computed. Every row is checked; the first errors are
reported with their line (CSV, XLSX: line of the file, header = line 1; Parquet: record number) and column, and
`FlowsInputError` is raised: nothing is returned from a file with errors. Rows whose place of work is abroad
(`99999`, country codes), « sans objet » (`YYYYY`) or in a collectivité d'outre-mer are excluded and counted in the
metadata.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from teletravail.impact.flows.codes import (
    ARM_NOT_APPLICABLE,
    EXCLUDED_ABROAD,
    EXCLUDED_NOT_APPLICABLE,
    EXCLUDED_OVERSEAS_COLLECTIVITY,
    EXCLUDED_UNKNOWN,
    FOREIGN_CODE_PATTERN,
    MODES,
    NOT_APPLICABLE,
    OVERSEAS_COLLECTIVITY_PATTERN,
    STANDARD_COLUMNS,
    STANDARD_SCHEMA,
    TRANS_TO_MODE,
    WORK_ABROAD,
)
from teletravail.impact.flows.distances import pair_distances
from teletravail.impact.flows.errors import FlowsInputError
from teletravail.impact.flows.modes import split_by_mode
from teletravail.impact.flows.parameters import flows_parameters
from teletravail.impact.flows.reference import load_reference
from teletravail.uploads import UNPACKED, UploadLimitError, check_declared_size, exceeded, upload_limits
from teletravail.uploads.tables import (
    SEPARATORS,
    InputError,
    TableInputError,
    limit_input_error,
    opened_table,
)


MAX_ERRORS = 20
LAYOUT_BASE_FLUX = "base_flux"
LAYOUT_FD_MOBPRO = "fd_mobpro"
LAYOUT_STANDARD = "standard"
LAYOUT_LABELS = {
    LAYOUT_BASE_FLUX: "Insee « base flux de mobilité » (CODGEO, DCLT, NBFLUX_Cyy_ACTOCC15P)",
    LAYOUT_FD_MOBPRO: "Insee fichier détail FD_MOBPRO (COMMUNE, DCLT, TRANS, IPONDI)",
    LAYOUT_STANDARD: "format standard de la plateforme (home, work, mode, workers, distance_km)",
}
MODE_OBSERVED = "observé"
MODE_FROM_DISTANCE = "attribué par tranche de distance"
MODE_SYNTHETIC = "synthétique"
FLUX_COLUMN = re.compile(r"^NBFLUX_C(\d\d)_ACTOCC15P$")
SEPARATOR_NAMES = {";": "« ; »", ",": "« , »", "\t": "tabulation", "|": "« | »"}
PARQUET_MAGIC = b"PAR1"
BATCH_ROWS = 100_000  # rows held as Python text before they become a Polars frame


@dataclass(frozen=True)
class FlowsTable:
    """The standard flows table (`flows`) and what the reader knows about it (`metadata`)."""

    flows: pl.DataFrame
    metadata: dict = field(default_factory=dict)

    @property
    def workers(self):
        return float(self.flows["workers"].sum())

    @property
    def excluded(self):
        return self.metadata.get("excluded", {})


@dataclass(frozen=True)
class _Layout:
    name: str
    columns: dict  # role -> column name in the file
    vintage: str = ""


def read_flows(
    path, *, communes=None, separator=None, unknown_codes="error", max_errors=MAX_ERRORS, when=None, limits=None
):
    """Read `path` (CSV or Parquet, any supported layout) into a `FlowsTable`, or raise `FlowsInputError`.

    `communes`: a `CommuneReference` (the bundled COG 2026 table by default). `separator`: force the CSV
    separator (detected from the header otherwise). `unknown_codes`: "error" (default) refuses codes absent
    from the reference; "exclude" drops those rows and counts them (useful for files of an older geography).
    `limits`: the bounds on rows, columns, cells, Parquet size and reading time (UploadLimits; those of an
    uploaded flows file in uploads.yaml by default, `teletravail.uploads.UNBOUNDED` for one's own files).
    """
    path = Path(path)
    limits = limits or upload_limits("flows_file", when)
    try:
        return _read_flows(path, communes, separator, unknown_codes, max_errors, when, limits)
    except UploadLimitError as exc:
        raise FlowsInputError(path.name, [limit_input_error(exc)]) from None


def _read_flows(path, communes, separator, unknown_codes, max_errors, when, limits):
    deadline = limits.deadline()
    name = path.name
    if unknown_codes not in ("error", "exclude"):
        raise ValueError("unknown_codes doit valoir « error » ou « exclude ».")
    if not path.is_file():
        raise FlowsInputError(name, [f"fichier introuvable ({path})"])
    if path.stat().st_size == 0:
        raise FlowsInputError(name, ["le fichier est vide (0 octet)"])
    with path.open("rb") as handle:
        is_parquet = handle.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
    if is_parquet:
        frame, layout, info = _scan_parquet(path, limits)
    else:
        try:
            frame, layout, info = _read_table(path, separator, limits, deadline)
        except TableInputError as exc:
            raise FlowsInputError(name, exc.errors) from None
    if frame.height == 0:
        raise FlowsInputError(name, ["aucune ligne de données après l'en-tête"])
    deadline.check()
    reference = communes if communes is not None else load_reference()
    params = flows_parameters(when)
    checked = _normalise(frame, layout)
    problems, total = _problems(checked, layout, reference, unknown_codes, max_errors)
    if total:
        raise FlowsInputError(name, problems, total, row_label=info["row_label"])
    deadline.check()
    kept, excluded = _exclusions(checked, reference, unknown_codes)
    if kept.height == 0:
        reasons = ", ".join(excluded) or "aucune"
        raise FlowsInputError(name, [f"aucune ligne exploitable : toutes les lignes sont exclues ({reasons})"])
    flows, extra = _standard(kept, layout, reference, params, when)
    deadline.check()
    if info.get("synthetic"):
        extra["mode_source"] = MODE_SYNTHETIC
        extra["mode_note"] = "table synthétique : modes tirés du modèle par tranche de distance, pas observés"
    metadata = {
        "source": name,
        "format": info["format"],
        "separator": info.get("separator"),
        "layout": layout.name,
        "layout_label": LAYOUT_LABELS[layout.name],
        "vintage": layout.vintage,
        "rows_read": frame.height,
        "rows_kept": kept.height,
        "workers_read": float(checked["workers"].sum()),
        "workers": float(flows["workers"].sum()),
        "excluded": excluded,
        "synthetic": info.get("synthetic", False),
        "file_metadata": info.get("file_metadata", {}),
        **extra,
    }
    return FlowsTable(flows=flows, metadata=metadata)


# --- layout detection ---------------------------------------------------------------------------------------


def _detect_layout(columns, name):
    """The layout of a header, or FlowsInputError naming what is missing."""
    by_upper = {column.strip().upper(): column for column in columns}
    by_lower = {column.strip().lower(): column for column in columns}
    if {"home", "work", "workers"} <= by_lower.keys() or {"home", "work", "mode"} <= by_lower.keys():
        missing = [column for column in ("home", "work", "mode", "workers") if column not in by_lower]
        if missing:
            raise FlowsInputError(name, [_missing_message(LAYOUT_STANDARD, missing, columns)])
        roles = {role: by_lower[role] for role in ("home", "work", "mode", "workers")}
        if "distance_km" in by_lower:
            roles["distance"] = by_lower["distance_km"]
        return _Layout(LAYOUT_STANDARD, roles)
    flux = [column for upper, column in by_upper.items() if FLUX_COLUMN.match(upper)]
    if flux:
        missing = [column for column in ("CODGEO", "DCLT") if column not in by_upper]
        if missing:
            raise FlowsInputError(name, [_missing_message(LAYOUT_BASE_FLUX, missing, columns)])
        roles = {"home": by_upper["CODGEO"], "work": by_upper["DCLT"], "workers": flux[0]}
        if "TRANS" in by_upper:
            roles["trans"] = by_upper["TRANS"]
        return _Layout(LAYOUT_BASE_FLUX, roles, vintage="C" + FLUX_COLUMN.match(flux[0].strip().upper()).group(1))
    if "IPONDI" in by_upper or {"COMMUNE", "DCLT", "TRANS"} <= by_upper.keys():
        missing = [column for column in ("COMMUNE", "DCLT", "TRANS", "IPONDI") if column not in by_upper]
        if missing:
            raise FlowsInputError(name, [_missing_message(LAYOUT_FD_MOBPRO, missing, columns)])
        roles = {"home": by_upper["COMMUNE"], "work": by_upper["DCLT"], "trans": by_upper["TRANS"]}
        roles["workers"] = by_upper["IPONDI"]
        if "ARM" in by_upper:
            roles["arm"] = by_upper["ARM"]
        return _Layout(LAYOUT_FD_MOBPRO, roles)
    if "CODGEO" in by_upper:
        raise FlowsInputError(
            name,
            [
                _missing_message(LAYOUT_BASE_FLUX, ["NBFLUX_Cyy_ACTOCC15P"], columns)
                + " (« NBFLUX_C21_SCOL02P » compte des élèves et étudiants, pas des actifs)"
            ],
        )
    if by_upper.keys() & {"COMMUNE", "DCLT", "TRANS"}:
        missing = [column for column in ("COMMUNE", "DCLT", "TRANS", "IPONDI") if column not in by_upper]
        raise FlowsInputError(name, [_missing_message(LAYOUT_FD_MOBPRO, missing, columns)])
    found = ", ".join(columns[:12]) + (" …" if len(columns) > 12 else "")
    raise FlowsInputError(
        name,
        [
            f"format non reconnu : colonnes trouvées {found} ; attendues soit CODGEO, DCLT, NBFLUX_Cyy_ACTOCC15P "
            "(base flux Insee), soit COMMUNE, DCLT, TRANS, IPONDI (FD_MOBPRO), "
            "soit home, work, mode, workers (format standard)"
        ],
    )


def _missing_message(layout, missing, columns):
    return (
        f"colonne(s) manquante(s) pour le {LAYOUT_LABELS[layout]} : {', '.join(missing)} "
        f"(colonnes trouvées : {', '.join(columns[:12])}{' …' if len(columns) > 12 else ''})"
    )


# --- scanning ------------------------------------------------------------------------------------------------


def _read_table(path, separator, limits, deadline):
    """(frame of the needed columns as text, with `_ligne`, the line in the file; layout; info) of a CSV or XLSX
    file, read by the one table reader row by row."""
    name = path.name
    with opened_table(path, limits, deadline=deadline, separator=separator) as table:
        columns = [column.strip() for column in table.header]
        _check_header(name, columns, separator, table.separator)
        layout = _detect_layout(columns, name)
        duplicates = sorted({column for column in columns if columns.count(column) > 1})
        if duplicates:
            raise FlowsInputError(name, [f"ligne 1 : colonne(s) en double : {', '.join(duplicates)}"])
        wanted = list(dict.fromkeys(layout.columns.values()))
        indices = [columns.index(column) for column in wanted]
        schema = {"_ligne": pl.Int64, **dict.fromkeys(wanted, pl.Utf8)}
        frames = []
        # Only the needed cells are kept, column by column: a file's rows held as lists would cost memory and make
        # the garbage collector scan them again and again (three times slower).
        lines, values = [], [[] for _ in wanted]
        targets = list(zip(values, indices, strict=True))
        for line, cells in table.rows:
            if len(cells) != len(columns):
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line
                raise FlowsInputError(name, [_ragged_line(line, cells, columns, table.separator)])
            lines.append(line)
            for column, index in targets:
                column.append(cells[index])
            if len(lines) == BATCH_ROWS:
                frames.append(_batch_frame(lines, values, wanted, schema))
                lines, values = [], [[] for _ in wanted]
                targets = list(zip(values, indices, strict=True))
        frames.append(_batch_frame(lines, values, wanted, schema))
        info = {"format": table.format, "separator": table.separator, "row_label": "ligne"}
    # An empty cell is a missing value, as for a Parquet file's nulls.
    frame = pl.concat(frames, rechunk=True).with_columns(pl.when(pl.col(wanted) != "").then(pl.col(wanted)))
    return frame, layout, info


def _batch_frame(lines, values, wanted, schema):
    return pl.DataFrame({"_ligne": lines, **dict(zip(wanted, values, strict=True))}, schema=schema)


def _check_header(name, columns, separator, used):
    """FlowsInputError when the header is blank or holds a single column (`separator` forced, `used` read with)."""
    if not any(columns):
        raise FlowsInputError(
            name, ["ligne 1 : l'en-tête est vide (fichier vide ou commençant par une ligne blanche)"]
        )
    if len(columns) > 1:
        return
    header = columns[0]
    found = [candidate for candidate in SEPARATORS if candidate in header]
    if separator and found:
        detected = max(found, key=header.count)
        raise FlowsInputError(
            name,
            [
                f"ligne 1 : une seule colonne lue avec le séparateur {SEPARATOR_NAMES.get(separator, separator)} "
                f"(« {header[:60]} ») ; le fichier semble séparé par {SEPARATOR_NAMES[detected]}"
            ],
        )
    if used is None:  # a workbook's single column
        raise FlowsInputError(name, [f"ligne 1 : une seule colonne lue (« {header[:60]} »)"])
    raise FlowsInputError(
        name,
        [
            f"ligne 1 : une seule colonne lue (« {header[:60]} ») ; aucun séparateur reconnu "
            "(« ; », « , », tabulation ou « | » attendu)"
        ],
    )


def _ragged_line(line, cells, columns, separator):
    """The error of a row whose number of cells differs from the header's."""
    params = {
        "found": len(cells),
        "expected": len(columns),
        "separator": "tabulation" if separator == "\t" else separator,
    }
    decimal_comma = separator == "," and len(cells) > len(columns)
    return InputError(RAGGED_LINE_DECIMAL_COMMA if decimal_comma else RAGGED_LINE, line, params=params)


def _scan_parquet(path, limits):
    name = path.name
    try:
        footer = pq.read_metadata(path)
        lazy = pl.scan_parquet(path)
        schema = lazy.collect_schema()
        file_metadata = pl.read_parquet_metadata(path)
    except (OSError, pl.exceptions.PolarsError, pa.ArrowException) as exc:
        raise FlowsInputError(
            name, [f"fichier Parquet illisible : {str(exc).splitlines()[0] if str(exc) else exc}"]
        ) from exc
    check_declared_size(footer.num_rows, footer.num_columns, limits)
    columns = list(schema.names())
    layout = _detect_layout(columns, name)
    wanted = list(dict.fromkeys(layout.columns.values()))
    if _uncompressed_bytes(footer, wanted) > limits.unpacked_bytes:
        raise exceeded(UNPACKED, limits.unpacked_bytes)
    try:
        frame = (
            lazy.select(wanted)
            .with_row_index("_ligne", offset=1)
            .with_columns(pl.col("_ligne").cast(pl.Int64))
            .collect(engine="streaming")
        )
    except pl.exceptions.PolarsError as exc:
        raise FlowsInputError(name, [f"fichier Parquet illisible : {str(exc).splitlines()[0]}"]) from exc
    synthetic = str(file_metadata.get("synthetic", "")).lower() == "true"
    info = {"format": "parquet", "row_label": "enregistrement", "synthetic": synthetic, "file_metadata": file_metadata}
    return frame, layout, info


def _uncompressed_bytes(footer, columns):
    """The size once uncompressed of `columns` in every row group, as the Parquet footer declares it."""
    wanted = set(columns)
    return sum(
        chunk.total_uncompressed_size
        for group in range(footer.num_row_groups)
        for chunk in (footer.row_group(group).column(index) for index in range(footer.num_columns))
        if chunk.path_in_schema in wanted
    )


# --- checks ----------------------------------------------------------------------------------------------------


def _as_text(column):
    """A code column as stripped text (Parquet may store codes as numbers)."""
    return pl.col(column).cast(pl.Utf8).str.strip_chars()


def _as_number(column, dtype):
    if dtype == pl.Utf8 or dtype == pl.String:
        return pl.col(column).str.strip_chars().str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    return pl.col(column).cast(pl.Float64, strict=False)


def _missing(column, dtype):
    if dtype == pl.Utf8:
        return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")
    return pl.col(column).is_null()


def _normalise(frame, layout):
    """Columns `_ligne`, `home`, `work`, `arm`, `trans`, `mode_raw` (codes as stripped text), `workers_raw`,
    `distance_raw` (as in the file), `workers`, `distance` (numbers), `workers_missing`, `distance_missing`
    (nulls where the layout has no such column)."""
    roles = layout.columns
    schema = frame.schema
    null_text = pl.lit(None, dtype=pl.Utf8)
    null_number = pl.lit(None, dtype=pl.Float64)
    has_distance = "distance" in roles
    return frame.select(
        pl.col("_ligne").cast(pl.Int64),
        home=_as_text(roles["home"]),
        work=_as_text(roles["work"]),
        arm=_as_text(roles["arm"]) if "arm" in roles else null_text,
        trans=_as_text(roles["trans"]).str.replace(r"\.0+$", "") if "trans" in roles else null_text,
        mode_raw=_as_text(roles["mode"]) if "mode" in roles else null_text,
        workers_raw=pl.col(roles["workers"]),
        workers=_as_number(roles["workers"], schema[roles["workers"]]),
        workers_missing=_missing(roles["workers"], schema[roles["workers"]]),
        distance_raw=pl.col(roles["distance"]) if has_distance else null_text,
        distance=_as_number(roles["distance"], schema[roles["distance"]]) if has_distance else null_number,
        distance_missing=_missing(roles["distance"], schema[roles["distance"]]) if has_distance else pl.lit(True),
    )


def _empty(column):
    return pl.col(column).is_null() | (pl.col(column) == "")


def _text(column):
    """A column's value as the file writes it, for a message."""
    return pl.col(column).cast(pl.Utf8).fill_null("")


def _in(column, values):
    """`column` is one of `values` (a Series, compared as a set)."""
    return pl.col(column).is_in(values.implode())


# French templates of the per-line messages; the English catalogue translates them (the web layer shows them in the
# page's language, the command line in French).
MISSING_HOME = "code de la commune de résidence manquant"
MISSING_WORK = "code du lieu de travail manquant"
UNKNOWN_CODE = "code commune inconnu du référentiel COG « %(value)s »"
UNKNOWN_CODE_LOST_ZERO = "code commune inconnu du référentiel COG « %(value)s » (zéro initial perdu ? « %(padded)s »)"
MISSING_WORKERS = "effectif manquant"
NOT_A_NUMBER = "valeur non numérique « %(value)s »"
NEGATIVE_WORKERS = "effectif négatif « %(value)s »"
UNKNOWN_ARRONDISSEMENT = "arrondissement municipal inconnu « %(value)s » (ou %(none)s)"
MISSING_TRANS = "mode de transport manquant"
INVALID_TRANS = "mode de transport invalide « %(value)s » (codes attendus : 1 à 6)"
MISSING_MODE = "mode manquant"
UNKNOWN_MODE = "mode inconnu « %(value)s » (modes attendus : %(modes)s)"
DISTANCE_NOT_A_NUMBER = "distance non numérique « %(value)s »"
NEGATIVE_DISTANCE = "distance négative « %(value)s »"
RAGGED_LINE = "%(found)s champ(s) au lieu de %(expected)s (séparateur « %(separator)s »)"
RAGGED_LINE_DECIMAL_COMMA = (
    "%(found)s champ(s) au lieu de %(expected)s (séparateur « %(separator)s ») (décimales à virgule sans guillemets "
    "dans un fichier séparé par des virgules ?)"
)

LINE_TEMPLATES = (
    MISSING_HOME,
    MISSING_WORK,
    UNKNOWN_CODE,
    UNKNOWN_CODE_LOST_ZERO,
    MISSING_WORKERS,
    NOT_A_NUMBER,
    NEGATIVE_WORKERS,
    UNKNOWN_ARRONDISSEMENT,
    MISSING_TRANS,
    INVALID_TRANS,
    MISSING_MODE,
    UNKNOWN_MODE,
    DISTANCE_NOT_A_NUMBER,
    NEGATIVE_DISTANCE,
    RAGGED_LINE,
    RAGGED_LINE_DECIMAL_COMMA,
)


def _lost_zero(column, known):
    """The code with a leading 0 when a spreadsheet dropped it (« 1053 » for « 01053 »), else null."""
    padded = pl.lit("0") + pl.col(column)
    return pl.when(pl.col(column).str.contains(r"^\d{4}$") & padded.is_in(known.implode())).then(padded)


def _filled_among(name, column, allowed, missing, invalid, **params):
    """The checks of a column that must hold one of `allowed`: its empty cells, then its other values."""
    return [
        (_empty(name), column, missing, {}),
        (~_empty(name) & ~pl.col(name).is_in(list(allowed)), column, invalid, {"value": _text(name), **params}),
    ]


def _problems(checked, layout, reference, unknown_codes, max_errors):
    """(first InputErrors, total count) of every invalid value, in file order."""
    roles = layout.columns
    known = reference.table["code"]
    arms = reference.table.filter(pl.col("type") == "ARM")["code"]
    special_work = _excluded_work_reason().is_not_null()
    unknown_is_error = pl.lit(unknown_codes == "error")
    # (condition, column, template, {param: expression}); a code's template gains the lost zero when there is one.
    checks = [
        (_empty("home"), roles["home"], MISSING_HOME, {}),
        (
            ~_empty("home") & ~_in("home", known) & unknown_is_error,
            roles["home"],
            UNKNOWN_CODE,
            {"value": _text("home"), "padded": _lost_zero("home", known)},
        ),
        (_empty("work"), roles["work"], MISSING_WORK, {}),
        (
            ~_empty("work") & ~special_work & ~_in("work", known) & unknown_is_error,
            roles["work"],
            UNKNOWN_CODE,
            {"value": _text("work"), "padded": _lost_zero("work", known)},
        ),
        (pl.col("workers_missing"), roles["workers"], MISSING_WORKERS, {}),
        (
            ~pl.col("workers_missing") & (pl.col("workers").is_null() | ~pl.col("workers").is_finite()),
            roles["workers"],
            NOT_A_NUMBER,
            {"value": _text("workers_raw")},
        ),
        (pl.col("workers") < 0, roles["workers"], NEGATIVE_WORKERS, {"value": _text("workers_raw")}),
    ]
    if "arm" in roles:
        checks.append(
            (
                ~_empty("arm") & (pl.col("arm") != ARM_NOT_APPLICABLE) & ~_in("arm", arms),
                roles["arm"],
                UNKNOWN_ARRONDISSEMENT,
                {"value": _text("arm"), "none": pl.lit(ARM_NOT_APPLICABLE)},
            )
        )
    if "trans" in roles:
        checks += _filled_among("trans", roles["trans"], TRANS_TO_MODE, MISSING_TRANS, INVALID_TRANS)
    if "mode" in roles:
        checks += _filled_among(
            "mode_raw", roles["mode"], MODES, MISSING_MODE, UNKNOWN_MODE, modes=pl.lit(", ".join(MODES))
        )
    if "distance" in roles:
        checks += [
            (
                ~pl.col("distance_missing") & (pl.col("distance").is_null() | ~pl.col("distance").is_finite()),
                roles["distance"],
                DISTANCE_NOT_A_NUMBER,
                {"value": _text("distance_raw")},
            ),
            (pl.col("distance") < 0, roles["distance"], NEGATIVE_DISTANCE, {"value": _text("distance_raw")}),
        ]
    total = 0
    found = []
    for condition, column, template, params in checks:
        failing = checked.filter(condition.fill_null(False))
        if not failing.height:
            continue
        total += failing.height
        for row in failing.head(max_errors).select("_ligne", **params).iter_rows(named=True):
            line = row.pop("_ligne")
            if "padded" in row and row["padded"] is None:
                del row["padded"]
            found.append(InputError(UNKNOWN_CODE_LOST_ZERO if "padded" in row else template, line, column, row))
    found.sort(key=lambda error: error.line)  # stable: on one line, in the order of the checks
    return found[:max_errors], total


def _excluded_work_reason():
    """Why a row's place of work puts it out of the table (null when it stays)."""
    work = pl.col("work")
    return (
        pl.when(work == WORK_ABROAD)
        .then(pl.lit(EXCLUDED_ABROAD))
        .when(work == NOT_APPLICABLE)
        .then(pl.lit(EXCLUDED_NOT_APPLICABLE))
        .when(work.str.contains(OVERSEAS_COLLECTIVITY_PATTERN))
        .then(pl.lit(EXCLUDED_OVERSEAS_COLLECTIVITY))
        .when(work.str.contains(FOREIGN_CODE_PATTERN))
        .then(pl.lit(EXCLUDED_ABROAD))
        .otherwise(pl.lit(None, dtype=pl.Utf8))
    )


def _exclusions(checked, reference, unknown_codes):
    """(rows kept, {reason: {"rows": n, "workers": w}})."""
    known = reference.table["code"]
    reason = _excluded_work_reason()
    if unknown_codes == "exclude":
        reason = (
            pl.when(~_in("home", known) | (reason.is_null() & ~_in("work", known)))
            .then(pl.lit(EXCLUDED_UNKNOWN))
            .otherwise(reason)
        )
    marked = checked.with_columns(_reason=reason)
    summary = (
        marked.filter(pl.col("_reason").is_not_null())
        .group_by("_reason")
        .agg(rows=pl.len(), workers=pl.col("workers").sum())
        .sort("_reason")
    )
    excluded = {
        row["_reason"]: {"rows": row["rows"], "workers": row["workers"]} for row in summary.iter_rows(named=True)
    }
    return marked.filter(pl.col("_reason").is_null()).drop("_reason"), excluded


# --- standard table ---------------------------------------------------------------------------------------------


def _standard(kept, layout, reference, params, when):
    """The standard table and the metadata about modes and distances."""
    home = pl.col("home")
    if "arm" in layout.columns:
        home = pl.when(~_empty("arm") & (pl.col("arm") != ARM_NOT_APPLICABLE)).then(pl.col("arm")).otherwise(home)
    if "trans" in layout.columns:
        mode = pl.col("trans").replace_strict(TRANS_TO_MODE, return_dtype=pl.Utf8)
    elif "mode" in layout.columns:
        mode = pl.col("mode_raw")
    else:
        mode = pl.lit(None, dtype=pl.Utf8)
    rows = kept.select(home=home, work=pl.col("work"), mode=mode, workers=pl.col("workers"), given=pl.col("distance"))
    all_given = rows["given"].null_count() == 0
    rows = pair_distances(rows, reference, when=when, with_distance=not all_given)
    rows = rows.with_columns(
        distance_km=pl.coalesce("given", "distance_km"),
        imputed_distance=pl.col("given").is_null() & pl.col("imputed_distance"),
        same_place=pl.col("home") == pl.col("work"),
    )
    extra = {
        "mode_source": MODE_OBSERVED,
        "mode_note": "modes lus dans le fichier",
        "distance_note": (
            "distances du fichier"
            if "distance" in layout.columns
            else "distance routière estimée : orthodromie entre centroïdes × facteur de détour (geo.yaml) ; "
            "même commune : facteur intra-commune × √(superficie/π) × détour (geo.yaml)"
        ),
    }
    if "trans" not in layout.columns and "mode" not in layout.columns:
        rows = split_by_mode(rows.drop("mode"), params)
        extra["mode_source"] = MODE_FROM_DISTANCE
        extra["mode_note"] = (
            "le fichier ne donne pas le mode : chaque flux est réparti entre les modes selon les parts nationales "
            "par tranche de distance (flows.yaml, Insee Première n° 1835 et n° 1629) ; « aucun » seulement pour "
            "les personnes travaillant dans leur commune de résidence"
        )
    imputed = rows.filter(pl.col("imputed_distance"))
    extra["imputed_distance_rows"] = imputed.height
    extra["imputed_distance_workers"] = float(imputed["workers"].sum())
    extra["imputed_communes"] = sorted(
        set(imputed["home"].to_list() + imputed["work"].to_list()) & set(reference.imputed_codes)
    )
    extra["same_commune_workers"] = float(rows.filter(pl.col("same_commune"))["workers"].sum())
    flows = rows.select([pl.col(column).cast(dtype) for column, dtype in STANDARD_SCHEMA.items()])
    return flows.select(STANDARD_COLUMNS), extra
