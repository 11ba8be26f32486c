"""Demo world: one Pemerintah Kabupaten with its BKPSDM and five dinas, about 200 staff.

Deterministic (a seeded random generator) and idempotent: records are looked up by their
natural keys (unit code, position code, NIP, username) before anything is created.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from people.models import Employee, OrgUnit, Position, RoleAssignment
from people.services import user_for_employee

DEMO_PASSWORD = "demo12345"  # noqa: S105  (documented demo login)  # nosec B105
AGENCY = ("PEMKAB", "Pemerintah Kabupaten Sukamaju")
UNITS = {
    "BKPSDM": (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ["Bidang Pengembangan Kompetensi", "Bidang Mutasi dan Promosi", "Sekretariat"],
    ),
    "DUKCAPIL": (
        "Dinas Kependudukan dan Pencatatan Sipil",
        ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pencatatan Sipil", "Sekretariat"],
    ),
    "DINKES": (
        "Dinas Kesehatan",
        ["Bidang Pelayanan Kesehatan", "Bidang Kesehatan Masyarakat", "Sekretariat"],
    ),
    "DISDIK": ("Dinas Pendidikan", ["Bidang Pembinaan SD", "Bidang Pembinaan SMP"]),
    "DPMPTSP": (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        ["Bidang Pelayanan Perizinan", "Bidang Pengaduan dan Informasi"],
    ),
    "DINSOS": ("Dinas Sosial", ["Bidang Rehabilitasi Sosial", "Bidang Perlindungan Sosial"]),
}
PT = Position.Type
POSITIONS = [
    ("KADIS", "Kepala Dinas", PT.JPT_PRATAMA, ""),
    ("SEKDIS", "Sekretaris Dinas", PT.ADMINISTRATOR, ""),
    ("KABID", "Kepala Bidang", PT.ADMINISTRATOR, ""),
    ("KASUBBAG", "Kepala Subbagian Umum dan Kepegawaian", PT.PENGAWAS, ""),
    ("KASI", "Kepala Seksi Pelayanan", PT.PENGAWAS, ""),
    ("AK-MUDA", "Analis Kebijakan Ahli Muda", PT.FUNGSIONAL_AHLI, Position.Level.AHLI_MUDA),
    (
        "AK-PERTAMA",
        "Analis Kebijakan Ahli Pertama",
        PT.FUNGSIONAL_AHLI,
        Position.Level.AHLI_PERTAMA,
    ),
    ("PRAKOM", "Pranata Komputer Terampil", PT.FUNGSIONAL_TERAMPIL, Position.Level.TERAMPIL),
    ("ADM-LAYANAN", "Pengadministrasi Layanan", PT.PELAKSANA, ""),
    ("PETUGAS-LAYANAN", "Petugas Pelayanan Publik", PT.PELAKSANA, ""),
    ("ANALIS-SDM", "Analis Sumber Daya Manusia Aparatur", PT.PELAKSANA, ""),
]
GOLONGAN_BY_TYPE = {
    PT.JPT_PRATAMA: ["IV/c", "IV/d"],
    PT.ADMINISTRATOR: ["IV/a", "IV/b"],
    PT.PENGAWAS: ["III/c", "III/d"],
    PT.FUNGSIONAL_AHLI: ["III/a", "III/b", "III/c", "III/d", "IV/a"],
    PT.FUNGSIONAL_TERAMPIL: ["II/c", "II/d", "III/a", "III/b"],
    PT.PELAKSANA: ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"],
}
FIRST_NAMES = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Andi",
    "Sri",
    "Hendra",
    "Wahyu",
    "Yuni",
    "Eko",
    "Fitri",
    "Rudi",
    "Nur",
    "Dian",
    "Ahmad",
    "Ratna",
    "Joko",
    "Lestari",
    "Bayu",
    "Indah",
    "Fajar",
    "Maya",
    "Taufik",
    "Ayu",
    "Rizky",
    "Putri",
    "Hadi",
    "Wulan",
    "Arif",
]
LAST_NAMES = [
    "Santoso",
    "Aminah",
    "Wijaya",
    "Lestari",
    "Pratama",
    "Hidayat",
    "Rahmawati",
    "Saputra",
    "Kurniawan",
    "Handayani",
    "Nugroho",
    "Susanti",
    "Setiawan",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Purnomo",
    "Maharani",
    "Gunawan",
    "Permata",
]
SUFFIXES = ["", "", "S.Sos.", "S.E.", "S.Kom.", "S.H.", "S.AP., M.Si.", "S.Kep., Ners", "A.Md."]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


DEMO_LOGINS = [
    DemoLogin("admin", "admin", "Admin (semua data)"),
    DemoLogin("hr", "hr", "HR / BKPSDM seluruh Pemerintah Kabupaten"),
    DemoLogin("leader", "leader", "Kepala Dinas Kependudukan dan Pencatatan Sipil"),
    DemoLogin("pegawai", "pegawai", "Petugas pelayanan di Dinas Dukcapil"),
]


def make_nip(rng: random.Random, index: int, sex: str) -> str:
    """A valid NIP: born 1968-1998, appointed CPNS between age 20 and 30 (not after 2024)."""
    birth = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randrange(0, 30 * 365))
    tmt_year = min(birth.year + rng.randint(20, 30), 2024)
    return f"{birth:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{sex}{index % 999 + 1:03d}"


@transaction.atomic
def seed(*, stdout=None) -> None:
    rng = random.Random(2017)  # noqa: S311  (demo data)  # nosec B311
    agency = _unit(None, *AGENCY, OrgUnit.Kind.AGENCY)
    positions = {
        code: _position(agency, code, name, ptype, level) for code, name, ptype, level in POSITIONS
    }
    dinas_units = {}
    for code, (name, children) in UNITS.items():
        dinas = _unit(agency, code, name, OrgUnit.Kind.UNIT)
        dinas_units[code] = dinas
        for number, child in enumerate(children, start=1):
            _unit(dinas, f"{code}-{number}", child, OrgUnit.Kind.SUBUNIT)
    index = 0
    for dinas in dinas_units.values():
        subunits = list(
            OrgUnit.objects.filter(path__startswith=dinas.path, depth=3).order_by("path")
        )
        index = _staff(rng, index, dinas, subunits, positions)
    _demo_accounts(agency, dinas_units)
    if stdout:
        stdout.write(
            f"people: {Employee.objects.count()} employees in {OrgUnit.objects.count()} units"
        )


def _unit(parent: OrgUnit | None, code: str, name: str, kind: str) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing:
        return existing
    unit = OrgUnit(code=code, name=name, kind=kind)
    if parent is None:
        return OrgUnit.objects.add_root(instance=unit)
    return OrgUnit.objects.add_child(OrgUnit.objects.get(pk=parent.pk), instance=unit)


def _position(agency: OrgUnit, code: str, name: str, ptype: str, level: str) -> Position:
    position, _ = Position.objects.get_or_create(
        agency=agency, code=code, defaults={"name": name, "type": ptype, "level": level}
    )
    return position


def _staff(rng, index, dinas, subunits, positions) -> int:
    """A head and secretary per dinas, a head per bidang, and staff in every bidang."""
    plan = [(dinas, "KADIS"), (subunits[-1], "SEKDIS")]
    for subunit in subunits:
        plan += [(subunit, "KABID"), (subunit, "KASI")]
        staff = [
            "AK-MUDA",
            "AK-PERTAMA",
            "PRAKOM",
            "ADM-LAYANAN",
            "PETUGAS-LAYANAN",
            "PETUGAS-LAYANAN",
            "ADM-LAYANAN",
            "ANALIS-SDM",
        ]
        plan += [(subunit, rng.choice(staff)) for _ in range(rng.randint(9, 11))]
    for unit, code in plan:
        index += 1
        _employee(rng, index, unit, positions[code])
    return index


def _employee(rng, index, unit, position) -> Employee:
    sex = rng.choice("12")
    nip = make_nip(rng, index, sex)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    suffix = rng.choice(SUFFIXES)
    prefix = "Dr." if position.type == PT.JPT_PRATAMA and rng.random() < 0.5 else ""
    pppk = position.type == PT.PELAKSANA and rng.random() < 0.15
    golongan = "" if pppk else rng.choice(GOLONGAN_BY_TYPE[position.type])
    existing = Employee.objects.filter(nip=nip).first()
    if existing:
        return existing
    employee = Employee(
        nip=nip,
        name=name,
        title_prefix=prefix,
        title_suffix=suffix,
        employment_type="PPPK" if pppk else "PNS",
        golongan=golongan,
        unit=unit,
        position=position,
        email=f"{name.lower().replace(' ', '.')}.{index}@sukamaju.go.id",
    )
    employee.full_clean()
    employee.save()
    return employee


def _demo_accounts(agency: OrgUnit, dinas_units: dict[str, OrgUnit]) -> None:
    user_model = get_user_model()
    admin, _ = user_model.objects.get_or_create(
        username="admin", defaults={"email": "admin@sukamaju.go.id"}
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    RoleAssignment.objects.get_or_create(user=admin, role="admin", unit=agency)

    bkpsdm, dukcapil = dinas_units["BKPSDM"], dinas_units["DUKCAPIL"]
    hr_employee = (
        Employee.objects.filter(unit__path__startswith=bkpsdm.path, position__code="ANALIS-SDM")
        .order_by("id")
        .first()
        or Employee.objects.filter(unit__path__startswith=bkpsdm.path).order_by("id").last()
    )
    hr = user_for_employee(employee=hr_employee, username="hr", password=DEMO_PASSWORD)
    RoleAssignment.objects.get_or_create(user=hr, role="hr", unit=agency)

    head = Employee.objects.get(unit=dukcapil, position__code="KADIS")
    leader = user_for_employee(employee=head, username="leader", password=DEMO_PASSWORD)
    RoleAssignment.objects.get_or_create(user=leader, role="leader", unit=dukcapil)

    staff = (
        Employee.objects.filter(
            unit__path__startswith=dukcapil.path, position__code="PETUGAS-LAYANAN"
        )
        .order_by("id")
        .first()
    )
    user_for_employee(employee=staff, username="pegawai", password=DEMO_PASSWORD)
