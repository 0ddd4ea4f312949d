"""The generated DOCX opens in LibreOffice: converted to PDF headless, it shows the numbered articles and still
passes the checker. LibreOffice Writer comes from Debian (`make test` installs it)."""

import re
import shutil
import subprocess

import pypdf
import pytest

from teletravail.charter import assemble, check_file, default_options, render


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_the_docx_converts_in_libreoffice_and_keeps_its_numbered_articles(sector, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) est requis : lancez make test, qui l'installe."
    charter = assemble(default_options(sector, has_cse=False))
    (tmp_path / "charte.docx").write_bytes(render(charter.document, "docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",  # one profile per test: runs in parallel
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "charte.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "charte.pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    numbers = [int(number) for number in re.findall(r"Article (\d+) –", text)]
    # Each article appears in the table of contents and as a heading; the headings run 1..N in order.
    assert sorted(set(numbers)) == list(range(1, len(charter.articles) + 1))
    report = check_file(pdf, sector=sector)
    assert report.missing == [] and report.errors == []
