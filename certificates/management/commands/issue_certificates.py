from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from certificates.bulk import bulk_job_create, bulk_job_run, pending_requests
from certificates.registry import get_source, sources
from certificates.selectors import certificate_for_source


class Command(BaseCommand):
    help = (
        "Issue every pending certificate of a cohort (e.g. --source training.module "
        "--cohort 3) as a user with HR rights over the recipients. Idempotent: documents "
        "already issued are kept, so a rerun after a crash issues only the missing ones. "
        "--reissue replaces them all with new versions and needs --confirm and --reason."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", help="source key; without it, list the sources")
        parser.add_argument("--cohort", help="cohort id within the source")
        parser.add_argument("--user", default="admin", help="acting user (HR or admin)")
        parser.add_argument("--reissue", action="store_true")
        parser.add_argument("--confirm", action="store_true")
        parser.add_argument("--reason", default="")
        parser.add_argument("--dry-run", action="store_true", help="count only, write nothing")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Unknown user {options['user']!r}.")
        if not options["source"] or get_source(options["source"]) is None:
            for source in sources():
                cohorts = ", ".join(f"{key} ({label})" for key, label in source.cohorts(user))
                self.stdout.write(f"{source.key}: {source.label}: {cohorts}")
            return
        if options["dry_run"]:
            requests = pending_requests(
                source_key=options["source"], cohort_id=options["cohort"], actor=user
            )
            missing = sum(1 for r in requests if certificate_for_source(r.source_key) is None)
            self.stdout.write(f"{len(requests)} in cohort, {missing} to issue (dry run).")
            return
        try:
            job = bulk_job_create(
                actor=user,
                source_key=options["source"],
                cohort_id=options["cohort"],
                reissue=options["reissue"],
                confirm=options["confirm"],
                reason=options["reason"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        bar = tqdm(unit="cert", file=self.stderr, disable=options["verbosity"] == 0)

        def progress(step: int, total: int) -> None:
            bar.total = total
            bar.update(step)

        job = bulk_job_run(job=job, progress=progress)
        bar.close()
        self.stdout.write(f"{job.done} processed, {job.issued} newly issued (job {job.pk}).")
