"""Every UI string has its Indonesian translation (Indonesian is the default language)."""

import os
import shutil
import subprocess  # nosec B404 - runs Django's own makemessages on a copy
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/id/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 3


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


SOURCES = {  # catalogue directory -> what its strings come from
    "": ("templates", "config", "locale"),
    **{
        app: (app,)
        for app in ("core", "people", "competencies", "training", "certificates", "recognition")
    },
}


@pytest.mark.parametrize("where", sorted(SOURCES), ids=lambda w: w or "project")
def test_every_string_the_code_marks_is_in_the_catalogue(where, tmp_path):
    """Extract afresh (makemessages on a copy) and find no new, untranslated string: a
    string added to the code without running makemessages would show in English."""
    for part in SOURCES[where]:
        shutil.copytree(
            ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    workdir = tmp_path / where if where else tmp_path
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "id", "-v0"],
        cwd=workdir,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    catalogue = polib.pofile(str(workdir / "locale/id/LC_MESSAGES/django.po"))
    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]
    assert missing == []
