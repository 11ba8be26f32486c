"""The four journeys of issue 7, as the people doing them would, in headless Chromium.

The `browse` fixture checks, after each test, that no request left the live server, that
every HTML response carried a Content-Security-Policy header and that Chromium reported no
CSP violation (so htmx, the quiz script and the styles all load within the policy).
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from certificates.models import Certificate
from competencies.models import Competency, PositionRequirement
from people.models import Employee
from recognition.models import Award, AwardType
from recognition.services import award_approve, award_nominate
from tests.conftest import employee_of
from tests.training.factories import make_module
from training.models import Attempt, Enrollment, LessonRead, Option

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_quiz(page, *, right: bool) -> None:
    """Choose, for every question shown, the right (or a wrong) option from the bank."""
    names = set(
        page.eval_on_selector_all(
            "#quiz-form input[type=radio], #quiz-form input[type=checkbox]",
            "els => els.map(e => e.name)",
        )
    )
    assert names, "the quiz page shows no questions"
    for name in sorted(names):
        question_id = int(name.removeprefix("q"))
        options = Option.objects.filter(question_id=question_id, is_correct=right)
        for option in options[:1]:
            page.check(f"input[name='{name}'][value='{option.pk}']")


def test_pegawai_enrols_reads_fails_passes_and_downloads_the_certificate(
    browse, pegawai, downloads
):
    module = make_module(code="E2E-1", questions=4, per_attempt=4, lessons=2)
    me = browse("pegawai")
    me.login("pegawai")
    me.go("/training/")
    me.shot("catalogue")
    me.page.click(f"a[href='/training/modules/{module.pk}/']")
    with me.page.expect_navigation():
        me.page.click(f"form[action='/training/modules/{module.pk}/enroll/'] button")
    enrollment = Enrollment.objects.get(employee=employee_of(pegawai), module=module)

    for lesson in module.lessons.order_by("order"):
        me.go(f"/training/modules/{module.pk}/lessons/{lesson.pk}/")
        assert me.page.locator("article.lesson h1").inner_text() == lesson.title
        with me.page.expect_navigation():
            me.page.click("form[action$='/read/'] button")
    me.shot("lessons-read")
    assert LessonRead.objects.filter(enrollment=enrollment).count() == 2

    for attempt_number, right in ((1, False), (2, True)):
        me.go(f"/training/modules/{module.pk}/")
        with me.page.expect_navigation():
            me.page.click(f"form[action='/training/modules/{module.pk}/quiz/'] button")
        answer_quiz(me.page, right=right)
        me.shot(f"quiz-{attempt_number}")
        with me.page.expect_navigation():
            me.page.click("#quiz-form button[type=submit]")
        attempt = Attempt.objects.get(enrollment=enrollment, number=attempt_number)
        assert attempt.passed is right
        assert me.page.locator(".badge-ok" if right else ".badge-bad").first.is_visible()
        me.shot(f"result-{attempt_number}")

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    certificate = Certificate.objects.get(recipient=employee_of(pegawai))
    me.go("/certificates/")
    me.shot("certificates")
    with me.page.expect_download() as info:
        me.page.click(f"a[href='/certificates/{certificate.pk}/pdf/']")
    target = downloads / "certificate.pdf"
    info.value.save_as(target)
    body = target.read_bytes()
    assert body.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert module.title in text and certificate.serial in text
    assert info.value.suggested_filename.endswith(".pdf")


# TMT 2005-02: tests.factories writes TMT 2000-01 (valid_nip) or 2001-03 (factories),
# so these never collide.
NEW_NIPS = ("197501012005021901", "197803152005022902")


def import_csv() -> bytes:
    """Two new staff in Bidang A1a: the sample file's unit codes belong to the demo data,
    not to the test world, so the journey uploads the same columns with A1a."""
    rows = [
        "nip,nama,gelar_depan,gelar_belakang,jenis_pegawai,golongan,kode_unit,"
        "kode_jabatan,email,aktif"
    ]
    for nip, name in zip(NEW_NIPS, ("Dewi Lestari", "Rudi Hartono"), strict=True):
        rows.append(
            f"{nip},{name},,S.Kom.,PNS,III/a,A1a,PEL,{name.split()[0].lower()}@example.go.id,ya"
        )
    return ("\n".join(rows) + "\n").encode()


def test_hr_imports_reads_the_gap_report_exports_and_assigns(browse, hr, pegawai, downloads, world):
    module = make_module(code="E2E-2")
    PositionRequirement.objects.create(
        position=world.position_a, competency=Competency.objects.get(code="M.3"), required_level=3
    )
    me = browse("hr")
    me.login("hr")
    me.go("/organisasi/impor/")
    me.page.set_input_files(
        "#id_file", files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": import_csv()}]
    )
    with me.page.expect_navigation():
        me.page.click("form[enctype] button[type=submit]")
    me.shot("import")
    assert me.page.locator("article.flash-success").is_visible()
    imported = Employee.objects.filter(nip__in=NEW_NIPS)
    assert sorted(imported.values_list("unit__code", flat=True)) == ["A1a", "A1a"]

    me.go("/kompetensi/laporan/")
    me.shot("gap-report")
    with me.page.expect_download() as info:
        me.page.click("p.export-links a[href*='format=xlsx']")
    target = downloads / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".xlsx"
    rows = list(load_workbook(io.BytesIO(target.read_bytes())).active.values)
    by_unit = {row[0]: row for row in rows[1:] if row[1] == "M.3"}
    assert by_unit["Dinas A1"][3] == 3  # pegawai and the two just imported (PEL in A1a)
    assert "Agency B" not in by_unit

    me.go(f"/training/assign/?module={module.pk}")
    me.page.select_option("#id_module", str(module.pk))
    me.page.select_option("#id_unit", str(world.a1.pk))
    with me.page.expect_navigation():
        me.page.click("main form button[type=submit]")
    me.shot("assigned")
    assigned = set(Enrollment.objects.filter(module=module).values_list("employee__nip", flat=True))
    assert {employee_of(pegawai).nip, *NEW_NIPS} <= assigned
    outside = Employee.objects.exclude(unit__path__startswith=world.a1.path)
    assert not Enrollment.objects.filter(module=module, employee__in=outside).exists()


def test_leader_grants_an_award(browse, leader, pegawai):
    me = browse("leader")
    me.login("leader")
    me.go("/awards/give/")
    award_type = AwardType.objects.get(code="apresiasi-integritas")
    me.page.select_option("#id_recipient", str(employee_of(pegawai).pk))
    me.page.select_option("#id_award_type", str(award_type.pk))
    me.page.fill("#id_citation", "Menolak gratifikasi dan melaporkannya.")
    me.page.check("#id_grant_now")
    me.shot("give")
    with me.page.expect_navigation():
        me.page.click("main form button[type=submit]")
    me.shot("given")
    award = Award.objects.get(recipient=employee_of(pegawai))
    assert award.award_type == award_type and award.status == Award.Status.GRANTED
    assert award.charter_certificate is not None


def test_anonymous_visitor_verifies_a_certificate_from_its_qr_url(browse, leader, hr, pegawai):
    award = award_nominate(
        actor=leader,
        award_type=AwardType.objects.get(code="pegawai-teladan"),
        recipient=employee_of(pegawai),
        citation="Teladan dalam pelayanan.",
    )
    charter = award_approve(actor=hr, award=award).charter_certificate
    qr_url = charter.snapshot["verification_url"]  # what the QR code on the PDF encodes
    split = urlsplit(qr_url)
    assert split.path == f"/verify/{charter.verification_code}/"
    with charter.pdf.open("rb") as handle:  # the printed fallback under the QR code agrees
        printed = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert charter.verification_code in printed.replace("\n", "").replace(" ", "")

    visitor = browse("anon", width=390)
    visitor.go(f"{split.path}?{split.query}")
    visitor.shot("verify")
    text = visitor.page.locator("main").inner_text()
    assert charter.serial in text
    assert employee_of(pegawai).nip not in visitor.page.content()
    assert re.search(r"\d{8}\s?\d{6}\s?\d\s?\d{3}", text) is None  # no NIP in any form
