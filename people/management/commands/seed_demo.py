from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from core.registry import app_hooks
from people.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create the demo world (idempotent: running it again changes nothing). Each app adds "
        "its part through `<app>/demo.py: seed(*, stdout)`, in INSTALLED_APPS order."
    )

    def handle(self, *args, **options) -> None:
        # The demo's award notifications are not real mail: keep them off the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for seed in app_hooks("demo", "seed"):
                seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password {DEMO_PASSWORD}):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<10} {login.description}")
