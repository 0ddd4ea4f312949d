"""The one task of the queue: run a job. The worker (`manage.py jobs_worker`) claims its row and calls it."""

from django_tasks import task

from teletravail.apps.jobs import services


@task(takes_context=True)
def run_job(context, job_id):
    services.run_job(job_id=job_id, task_id=str(context.task_result.id))
