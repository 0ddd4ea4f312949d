"""Who may download a campaign's report rendered by a job: whoever still sees its results page."""

from teletravail.apps.diagnostic.selectors import RESULTS_PAGE, results_access
from teletravail.apps.jobs.documents import register_document_access


register_document_access(RESULTS_PAGE, results_access)
