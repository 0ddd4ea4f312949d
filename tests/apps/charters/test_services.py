import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teletravail.apps.charters import selectors, services


pytestmark = pytest.mark.django_db


@pytest.fixture
def document(world):
    return services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )


def test_versions_are_numbered_only_when_the_options_change(world, document):
    options = document.draft
    options["organisation"]["has_cse"] = False
    first = services.save_version(document=document, options=options, actor=world.admin.user)
    assert (first.number, first.error_count, first.summary) == (1, 0, "Première version.")
    document.refresh_from_db()
    assert document.draft == {} and selectors.draft_of(document) == first.options
    assert services.save_version(document=document, options=options, actor=world.admin.user) is None
    options["allowance"]["amount_eur"] = 5
    options["places"] = ["domicile"]
    second = services.save_version(document=document, options=options, actor=world.manager.user)
    assert second.number == 2 and second.warning_count == 1
    assert (
        second.summary
        == "Lieux de télétravail autorisés : domicile, tiers_lieu → domicile ; Montant de l'allocation (€) : 2,5 → 5."
    )
    assert second.created_by_name == "Marc Manager"


def test_a_non_compliant_document_needs_force_and_unreadable_options_are_refused(world, document):
    with pytest.raises(ValidationError, match="enfreint 2 règle"):
        services.save_version(document=document, options=document.draft, actor=world.admin.user)
    bad = selectors.plain(document.draft)
    bad["end_notice"] = "un jour"
    with pytest.raises(ValidationError, match="« un jour » trouvé"):
        services.save_version(document=document, options=bad, actor=world.admin.user, force=True)
    assert services.save_version(document=document, options=document.draft, actor=world.admin.user, force=True)


def test_changing_sector_starts_from_the_other_sectors_prefill(world, document):
    services.change_type(document=document, sector="public", document_type="arrete")
    document.refresh_from_db()
    assert document.draft["sector"] == "public" and document.draft["document_type"] == "arrete"
    assert "acceptance" not in document.draft


def compliant_draft(document):
    """The pre-filled options, the CSE consulted on the monitoring: only the date of its opinion is missing."""
    options = selectors.plain(document.draft)
    options["monitoring"]["cse_consulted"] = True
    return options


def test_the_procedure_needs_a_version_and_keeps_a_draft_in_progress(world, document):
    day = timezone.localdate()
    with pytest.raises(ValidationError, match="Enregistrez d'abord une version"):
        services.record_procedure(document=document, actor=world.admin.user, employees_informed_date=day)
    services.save_version(document=document, options=compliant_draft(document), actor=world.admin.user, force=True)
    document.refresh_from_db()
    draft = selectors.plain(document.versions.get().options)
    draft["rhythm"]["telework_days"] = 3
    services.save_draft(document=document, options=draft)
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    document.refresh_from_db()
    assert document.draft["rhythm"]["telework_days"] == 3
    # Version 1 lacked the opinion date (its one error); version 2, with it, is adopted.
    assert document.adopted_version.number == 2 and document.adopted_version.error_count == 0


def test_a_version_breaking_a_rule_is_not_adopted_and_nothing_of_the_procedure_is_recorded(world, document):
    day = timezone.localdate()
    services.save_version(document=document, options=document.draft, actor=world.admin.user, force=True)
    # Once the opinion date is written, the monitoring without consulting the CSE (EQ-09) remains.
    with pytest.raises(ValidationError, match="La version 2 enfreint 1 règle de conformité : elle ne peut pas être"):
        services.record_procedure(
            document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
        )
    document.refresh_from_db()
    assert document.adopted_version is None and document.cse_opinion_date is None
    assert document.versions.count() == 1
    # The steps before the last one can be recorded: the committee may give its opinion on a working draft.
    services.record_procedure(document=document, actor=world.admin.user, cse_opinion_date=day)
    document.refresh_from_db()
    assert document.cse_opinion_date == day and document.adopted_version is None


def test_a_new_version_after_the_adoption_starts_a_new_procedure(world, document):
    day = timezone.localdate()
    services.save_version(document=document, options=compliant_draft(document), actor=world.admin.user, force=True)
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    document.refresh_from_db()
    adopted = document.adopted_version
    options = selectors.plain(adopted.options)
    options["rhythm"]["telework_days"] = 3
    changed = services.save_version(document=document, options=options, actor=world.admin.user)
    document.refresh_from_db()
    assert document.cse_opinion_date is None and document.cse_recorded_by is None
    assert document.employees_informed_date is None and document.employees_informed_by is None
    assert document.adopted_version == adopted and not document.procedure_complete
    # The committee's new opinion alone does not adopt the new version.
    services.record_procedure(document=document, actor=world.admin.user, cse_opinion_date=day)
    document.refresh_from_db()
    assert document.adopted_version == adopted and document.cse_opinion_date == day
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    document.refresh_from_db()
    assert document.adopted_version == changed and changed.number == adopted.number + 1
