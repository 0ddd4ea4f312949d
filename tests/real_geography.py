"""The bundled reference geography restricted to a few départements: real communes, postal codes and INSEE codes
(69003 is Lyon 3e's postal code and Albigny-sur-Saône's INSEE code), imported in a fraction of a second."""

import csv
import shutil

from teletravail.apps.geo.services import (
    COMMUNES_FILE,
    DEFAULT_DATA_DIR,
    DEPARTEMENTS_FILE,
    EPCI_FILE,
    REGIONS_FILE,
    import_reference_geography,
)


def import_departements(target_dir, departements=("69",)):
    """Copy the bundled files into `target_dir`, keeping only the communes of `departements`, and import them."""
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in (REGIONS_FILE, DEPARTEMENTS_FILE, EPCI_FILE):
        shutil.copy(DEFAULT_DATA_DIR / name, target_dir / name)
    with (DEFAULT_DATA_DIR / COMMUNES_FILE).open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        with (target_dir / COMMUNES_FILE).open("w", encoding="utf-8", newline="") as kept:
            writer = csv.DictWriter(kept, fieldnames=reader.fieldnames)
            writer.writeheader()
            writer.writerows(row for row in reader if row["dep_code"] in departements)
    return import_reference_geography(target_dir)
