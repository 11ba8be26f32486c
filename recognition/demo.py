"""Demo awards: a few granted ones (one for `pegawai`), one nomination waiting in the HR
inbox, one revoked award, and a disciplinary record that excludes someone from
Satyalancana. Idempotent: each item is skipped when its award already exists."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from people.models import Employee, OrgUnit
from recognition import services
from recognition.models import Award, AwardType, DisciplinaryRecord


def _staff(unit_code: str, skip: set[int]) -> list[Employee]:
    unit = OrgUnit.objects.get(code=unit_code)
    return list(
        Employee.objects.filter(unit__path__startswith=unit.path, is_active=True)
        .exclude(pk__in=skip)
        .order_by("id")[:6]
    )


def _award(
    *,
    code: str,
    recipient: Employee,
    nominator,
    citation: str,
    approver=None,
    revoke_by=None,
    reason: str = "",
) -> bool:
    award_type = AwardType.objects.get(code=code)
    if Award.objects.filter(award_type=award_type, recipient=recipient).exists():
        return False
    award = services.award_nominate(
        actor=nominator, award_type=award_type, recipient=recipient, citation=citation
    )
    if approver is not None:
        award = services.award_approve(actor=approver, award=award)
    if revoke_by is not None:
        services.award_revoke(actor=revoke_by, award=award, reason=reason)
    return True


@transaction.atomic
def seed(*, stdout=None) -> None:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["admin", "hr", "leader", "pegawai"])
    }
    if len(users) < 4:
        return
    admin, hr, leader, pegawai = (users[n] for n in ("admin", "hr", "leader", "pegawai"))
    skip = set(Employee.objects.filter(user__in=users.values()).values_list("pk", flat=True))
    dukcapil = _staff("DUKCAPIL", skip)
    dpmptsp = _staff("DPMPTSP", skip)
    made = sum(
        [
            _award(
                code="apresiasi-integritas",
                recipient=pegawai.employee,
                nominator=leader,
                approver=leader,
                citation="Menolak pemberian dari pemohon layanan dan "
                "melaporkannya kepada atasan, menjaga integritas pelayanan KTP-el.",
            ),
            _award(
                code="pelayanan-prima",
                recipient=dukcapil[0],
                nominator=leader,
                approver=admin,
                citation="Mendapat apresiasi tertulis dari warga karena "
                "membantu lansia mengurus akta kelahiran hingga tuntas.",
            ),
            _award(
                code="inovasi-pelayanan",
                recipient=dpmptsp[0],
                nominator=hr,
                approver=admin,
                citation="Merancang layanan antrean daring perizinan yang memangkas waktu "
                "tunggu dari 3 jam menjadi 40 menit.",
            ),
            _award(
                code="pegawai-teladan",
                recipient=dukcapil[1],
                nominator=leader,
                citation="Disiplin, selalu hadir tepat waktu, dan menjadi rujukan rekan "
                "kerja dalam pelayanan pencatatan sipil.",
            ),
            _award(
                code="apresiasi-integritas",
                recipient=dukcapil[2],
                nominator=leader,
                approver=leader,
                revoke_by=hr,
                reason="Diberikan berdasarkan laporan yang kemudian terbukti keliru.",
                citation="Melaporkan benturan kepentingan.",
            ),
        ]
    )
    sanctioned = min(dukcapil[3:], key=lambda e: e.tmt_cpns)
    DisciplinaryRecord.objects.get_or_create(
        employee=sanctioned,
        level=DisciplinaryRecord.Level.MODERATE,
        defaults={
            "decided_on": dt.date(2021, 3, 15),
            "description": "Hukuman disiplin sedang: penundaan kenaikan pangkat.",
        },
    )
    if stdout:
        stdout.write(f"recognition: {made} demo awards created, {Award.objects.count()} in total")
