from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from people.importing import employee_import


class Command(BaseCommand):
    help = (
        "Import employees from a CSV or XLSX file (columns: docs/import-pegawai.md) as the "
        "given HR user, within that user's HR scope. Every row is validated first; if any row "
        "is wrong nothing is written and every wrong row is listed. Existing employees are "
        "updated by NIP. --dry-run validates and reports without writing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="username of the HR user whose scope applies",
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument(
            "--create-logins",
            action="store_true",
            help="give employees without a login one (username = NIP, unusable password)",
        )

    def handle(
        self, *args, file: Path, username: str, dry_run: bool, create_logins: bool, **options
    ) -> None:
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No user named {username!r}.")
        if not file.is_file():
            raise CommandError(f"No file {file}.")

        def progress(rows, total):
            return tqdm(
                rows,
                total=total,
                unit="row",
                desc="validate",
                file=self.stderr._out,
                disable=options["verbosity"] == 0,
            )

        try:
            with file.open("rb") as handle:
                result = employee_import(
                    actor=actor,
                    file=handle,
                    filename=file.name,
                    dry_run=dry_run,
                    create_logins=create_logins,
                    progress=progress,
                )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        for error in result.errors:
            self.stdout.write(f"row {error.row}, column {error.column or '-'}: {error.message}")
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} problem(s) in {result.rows} rows; nothing was written."
            )
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rows: {verb} {result.created}, "
                f"{'would update' if dry_run else 'updated'} {result.updated}"
                f", unchanged {result.unchanged}"
                + (f", logins created {result.logins_created}" if result.logins_created else "")
                + (" (dry run: nothing written)" if dry_run else "")
            )
        )
