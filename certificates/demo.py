"""Demo certificates: training's modules land later, so a few training certificates are
issued directly with source keys "demo.training:<n>"; one is revoked and one superseded by
a re-issue, so every state shows. Idempotent (issuance is idempotent on the source key)."""

import datetime as dt

from django.contrib.auth import get_user_model

from certificates.models import Certificate
from certificates.selectors import certificate_for_source
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from people.models import Employee

COURSES = [
    ("Komunikasi Efektif dalam Pelayanan Publik", 12, ["M.3 Komunikasi", "M.5 Pelayanan Publik"]),
    ("Empati dan Etika Pelayanan Prima", 8, ["M.1 Integritas", "M.5 Pelayanan Publik"]),
    ("Penanganan Pengaduan Masyarakat", 10, ["M.5 Pelayanan Publik", "M.8 Pengambilan Keputusan"]),
    ("Pelayanan Publik Digital", 16, ["M.7 Mengelola Perubahan"]),
]


def seed(*, stdout=None) -> None:
    user_model = get_user_model()
    hr = user_model.objects.filter(username="hr").first()
    pegawai = user_model.objects.filter(username="pegawai").first()
    if hr is None or pegawai is None:
        return
    own = Employee.objects.get(user=pegawai)
    others = list(Employee.objects.filter(unit=own.unit).exclude(pk=own.pk).order_by("id")[:5])
    plan = [
        (own, 0),
        (own, 1),
        *[(employee, n % len(COURSES)) for n, employee in enumerate(others, start=2)],
    ]
    start = dt.date(2025, 3, 3)
    for number, (employee, course) in enumerate(plan, start=1):
        title, jp, competencies = COURSES[course]
        begin = start + dt.timedelta(days=14 * number)
        certificate_issue(
            recipient=employee,
            kind=Certificate.Kind.TRAINING,
            title=title,
            jp=jp,
            competencies=competencies,
            period_start=begin,
            period_end=begin + dt.timedelta(days=2),
            source_key=f"demo.training:{number}",
            actor=hr,
        )
    revoked = certificate_for_source("demo.training:3")
    if revoked is not None and revoked.status == Certificate.Status.VALID:
        certificate_revoke(
            certificate=revoked, actor=hr, reason="Peserta tidak memenuhi syarat kehadiran minimal."
        )
    corrected = certificate_for_source("demo.training:2")
    if corrected is not None and corrected.version == 1 and corrected.status == "valid":
        certificate_reissue(
            certificate=corrected, actor=hr, reason="Perbaikan penulisan nama dan gelar."
        )
    if stdout:
        stdout.write(
            f"certificates: {Certificate.objects.count()} certificates "
            f"({Certificate.objects.filter(status='valid').count()} valid)"
        )
