"""Seed the award types. Quotas count at depth 2 (the recipient's dinas/badan) unless
stated; Satyalancana Karya Satya is proposed and approved by HR, has no quota and no
agency charter (the decoration's own piagam comes from the state)."""

from django.db import migrations

TYPES = [
    dict(code="pegawai-teladan", name="Pegawai Teladan", order=10,
         description="Penghargaan bagi pegawai yang menjadi teladan dalam disiplin, kinerja "
                     "dan sikap pelayanan.",
         criteria="Kinerja sangat baik, disiplin, tidak pernah dijatuhi hukuman disiplin, "
                  "menjadi contoh bagi rekan kerja.",
         nominate_leader=True, nominate_peer=False, nominate_hr=False, approver="hr",
         requires_two_people=True, quota=1, period="quarter", quota_unit_depth=2,
         citation_required=True, issues_charter=True),
    dict(code="pelayanan-prima", name="Pelayanan Prima", order=20,
         description="Apresiasi bagi pegawai yang memberikan pelayanan publik yang cepat, "
                     "ramah dan tuntas.",
         criteria="Apresiasi dari masyarakat, penyelesaian layanan tepat waktu, empati "
                  "kepada pengguna layanan.",
         nominate_leader=True, nominate_peer=True, nominate_hr=False, approver="leader",
         requires_two_people=True, quota=3, period="month", quota_unit_depth=2,
         citation_required=True, issues_charter=True),
    dict(code="apresiasi-integritas", name="Apresiasi Integritas", order=30,
         description="Apresiasi bagi pegawai yang menjaga integritas dalam pelayanan.",
         criteria="Menolak gratifikasi, melaporkan benturan kepentingan, menuntaskan modul "
                  "integritas.",
         nominate_leader=True, nominate_peer=False, nominate_hr=False, approver="leader",
         requires_two_people=False, quota=None, period="year", quota_unit_depth=2,
         citation_required=True, issues_charter=True),
    dict(code="inovasi-pelayanan", name="Inovasi Pelayanan", order=40,
         description="Penghargaan bagi pegawai yang menghasilkan inovasi pelayanan publik.",
         criteria="Inovasi yang diterapkan dan terbukti meningkatkan kualitas layanan.",
         nominate_leader=True, nominate_peer=True, nominate_hr=True, approver="hr",
         requires_two_people=True, quota=2, period="year", quota_unit_depth=1,
         citation_required=True, issues_charter=True),
]
for years, roman, order in ((10, "X", 50), (20, "XX", 60), (30, "XXX", 70)):
    TYPES.append(dict(
        code=f"satyalancana-karya-satya-{roman.lower()}",
        name=f"Satyalancana Karya Satya {roman} Tahun", order=order,
        description=f"Tanda kehormatan bagi PNS yang telah berbakti {years} tahun secara "
                    "terus-menerus dengan kesetiaan, pengabdian, kecakapan, kejujuran dan "
                    "kedisiplinan.",
        criteria=f"Masa kerja {years} tahun sejak TMT CPNS; tidak pernah dijatuhi hukuman "
                 "disiplin tingkat sedang atau berat.",
        nominate_leader=False, nominate_peer=False, nominate_hr=True, approver="hr",
        requires_two_people=False, quota=None, period="year", quota_unit_depth=2,
        citation_required=False, issues_charter=False, service_years=years))


def seed(apps, schema_editor):
    AwardType = apps.get_model("recognition", "AwardType")
    for data in TYPES:
        data = dict(data)
        AwardType.objects.update_or_create(code=data.pop("code"), defaults=data)


class Migration(migrations.Migration):
    dependencies = [("recognition", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
