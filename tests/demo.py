"""The demo world of `seed_demo`, built once per test process and restored for each test
that asks for it.

Seeding takes about ten seconds (it renders every demo certificate); the crawl tests need
the world as the command leaves it, one test after another. The first test in a process
runs the real command and keeps a copy of every row it wrote (Django's serializer, as
`serialized_rollback` uses); each later test empties the database and writes the same rows
back, then resets the sequences, so the database is the one a fresh `seed_demo` gives.
The PDF files the seed stored stay in this process's MEDIA_ROOT, so the restored rows find
them. Tests that are about the seed itself (idempotence, its output) still call the command.
"""

import io
from collections import defaultdict

from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshot: str | None = None


def seed_or_restore() -> None:
    """Leave the database exactly as `seed_demo` on an empty database leaves it."""
    global _snapshot
    if _snapshot is None:
        call_command("seed_demo", stdout=io.StringIO())
        _snapshot = connection.creation.serialize_db_to_string()
        return
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    _restore(_snapshot)


def _restore(data: str) -> None:
    by_model = defaultdict(list)
    for item in serializers.deserialize("json", data):
        by_model[type(item.object)].append(item)
    with transaction.atomic():
        for model, items in by_model.items():  # serialized in dependency order
            model._base_manager.bulk_create([item.object for item in items])
        for items in by_model.values():
            for item in items:
                for name, values in (item.m2m_data or {}).items():
                    if values:
                        getattr(item.object, name).set(values)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
            cursor.execute(sql)
