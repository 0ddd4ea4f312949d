"""Issue 20 point 4 in a browser: when a new version of the quality charter is in force, a place labelled under the
older one shows « à réévaluer » on its page and in the directory, never as labelled under the current version."""

import pytest
from playwright.sync_api import expect

from teletravail.apps.places.models import Place
from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, schema_csv
from tests.apps.places.test_quality_charter import FIRST, newer_charter  # noqa: F401 (a fixture)
from tests.e2e.conftest import run_axe
from tests.real_geography import import_departements


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("newer_charter")
def test_a_place_labelled_under_an_older_charter_is_shown_to_reassess(
    live_server, page, browser, tmp_path, csp_violations
):
    import_departements(tmp_path / "rhone")
    import_places(read_schema_csv(schema_csv(CORDEE)))
    Place.objects.update(charter_version=FIRST)

    page.goto(live_server.url + "/lieux/")
    listed = page.get_by_role("listitem").filter(has_text=CORDEE["nom"])
    expect(listed).to_contain_text(f"Charte qualité {FIRST} : à réévaluer")
    listed.get_by_role("link", name=CORDEE["nom"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(CORDEE["nom"])
    expect(page.get_by_text(f"Charte qualité {FIRST} : à réévaluer")).to_be_visible()
    expect(page.get_by_text("une nouvelle version est en vigueur et le lieu doit être réévalué")).to_be_visible()
    expect(page.get_by_text(f"Labellisé charte qualité {FIRST}")).to_have_count(0)
    assert csp_violations == []

    # axe is injected as an inline script, which the CSP rightly forbids: bypass it for this check only.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = context.new_page()
    axe_page.goto(page.url)
    assert run_axe(axe_page) == []
    context.close()
