"""What the charters add to the demo world: a charter with a first version."""

from teletravail.apps.charters import selectors, services
from teletravail.apps.organisations.demo_objects import register_demo_objects


@register_demo_objects(position=30)
def add_charter(world):
    organisation = world.organisation
    world.document = services.create_document(
        organisation=organisation, sector=organisation.sector, document_type="charte", actor=world.admin.user
    )
    options = selectors.plain(world.document.draft)
    if organisation.sector == "prive":
        options["organisation"]["has_cse"] = True  # more than 11 people: the admin answers that there is a CSE
    services.save_version(document=world.document, options=options, actor=world.admin.user, force=True)
