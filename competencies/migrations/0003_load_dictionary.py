"""Load the competency dictionary.

Sources (data files in `competencies/data/`, see its README):
- `permenpan-38-2017-kamus-kompetensi.json`: Permenpan RB No. 38 Tahun 2017 tentang
  Standar Kompetensi Jabatan ASN, Lampiran — the eight managerial competencies (M.1-M.8)
  and the socio-cultural one (SK.1), with definitions, level titles and indicators.
- `kompetensi-teknis-pelayanan-publik.json`: the technical competencies of public service
  (T.1-T.4) defined for this platform, as the regulation leaves technical ones to agencies.

Reverse deletes exactly the codes loaded here.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ["permenpan-38-2017-kamus-kompetensi.json", "kompetensi-teknis-pelayanan-publik.json"]
KINDS = {"manajerial": "managerial", "sosial_kultural": "sociocultural", "teknis": "technical"}


def _entries():
    for name in FILES:
        yield from json.loads((DATA / name).read_text(encoding="utf-8"))["competencies"]


def load(apps, schema_editor):
    competency_model = apps.get_model("competencies", "Competency")
    level_model = apps.get_model("competencies", "CompetencyLevel")
    for order, entry in enumerate(_entries(), start=1):
        competency, _ = competency_model.objects.update_or_create(
            code=entry["code"],
            defaults={"name": entry["name"], "kind": KINDS[entry["kind"]],
                      "definition": entry["definition"], "order": order, "is_active": True},
        )
        for level in entry["levels"]:
            level_model.objects.update_or_create(
                competency=competency, level=level["level"],
                defaults={"title": level["title"], "indicators": level["indicators"]},
            )


def unload(apps, schema_editor):
    codes = [entry["code"] for entry in _entries()]
    competency_model = apps.get_model("competencies", "Competency")
    apps.get_model("competencies", "CompetencyLevel").objects.filter(
        competency__code__in=codes).delete()
    competency_model.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0002_assessment_is_current_level_title")]

    operations = [migrations.RunPython(load, unload)]
