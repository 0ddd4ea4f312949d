"""Who may download a charter's files rendered by a job: whoever still has the access of the page that offered it."""

from teletravail.apps.charters.selectors import (
    CHECKER_PAGE,
    NOTICE_PAGE,
    VERSION_PAGE,
    checker_access,
    notice_access,
    readable_version,
)
from teletravail.apps.jobs.documents import register_document_access


register_document_access(VERSION_PAGE, readable_version)
register_document_access(CHECKER_PAGE, checker_access)
register_document_access(NOTICE_PAGE, notice_access)
