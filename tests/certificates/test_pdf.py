import io
import socket

import pytest
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from certificates.rendering import (
    STATIC_DIR,
    ForbiddenURLError,
    LocalOnlyFetcher,
    render_html_to_pdf,
)
from tests.conftest import employee_of


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        pytest.fail("the renderer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _fonts(reader: PdfReader) -> list:
    fonts = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            fonts.append(descendant.get_object()["/FontDescriptor"].get_object())
    return fonts


def test_pdf_is_one_a4_landscape_page_with_the_printed_facts(pegawai, issue):
    employee = employee_of(pegawai)
    employee.title_suffix = "S.Sos."
    employee.save()
    certificate = issue(employee)
    reader = PdfReader(io.BytesIO(certificate.pdf.read()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 841.89) < 1 and abs(float(box.height) - 595.28) < 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "SERTIFIKAT" in text and "diberikan kepada" in text
    assert "Pegawai, S.Sos." in text
    assert "Komunikasi Efektif dalam Pelayanan Publik" in text
    assert "sebanyak 12 JP" in text
    assert certificate.serial in text and certificate.verification_code in text
    assert employee.nip not in text  # only the masked NIP is printed


def test_fonts_are_embedded(pegawai, issue):
    reader = PdfReader(io.BytesIO(issue(employee_of(pegawai)).pdf.read()))
    descriptors = _fonts(reader)
    assert descriptors
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)
    assert any("Noto" in str(d["/FontName"]) for d in descriptors)


def test_award_charter_wording(pegawai, issue):
    certificate = issue(
        employee_of(pegawai),
        kind="award",
        title="Pegawai Teladan",
        jp=None,
        citation="dedikasi dalam pelayanan prima",
    )
    text = " ".join(PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text().split())
    assert "PIAGAM PENGHARGAAN" in text and "dedikasi dalam pelayanan prima" in text
    assert certificate.serial.startswith("PIAGAM/")


def test_rendering_that_references_a_remote_url_fails(no_network):
    html = '<html><body><p>x</p><img src="http://example.com/x.png"></body></html>'
    with pytest.raises(FatalURLFetchingError):
        render_html_to_pdf(html)


def test_rendering_that_references_a_remote_stylesheet_fails(no_network):
    html = '<html><head><link rel="stylesheet" href="https://example.com/a.css"></head></html>'
    with pytest.raises(FatalURLFetchingError):
        render_html_to_pdf(html)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.png",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://example.com/srv/x.png",
        (STATIC_DIR / ".." / ".." / ".." / "manage.py").as_uri(),
    ],
)
def test_fetcher_refuses_anything_but_project_files(no_network, url):
    with pytest.raises(ForbiddenURLError):
        LocalOnlyFetcher().fetch(url)


def test_fetcher_serves_project_static_files_and_data_uris(no_network):
    fetcher = LocalOnlyFetcher()
    assert b"<svg" in fetcher.fetch((STATIC_DIR / "emblem.svg").as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_snapshot_values_are_escaped_not_rendered(pegawai, issue):
    certificate = issue(employee_of(pegawai), title='<img src="http://example.com/x.png">')
    text = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert '<img src="http://example.com/x.png">' in " ".join(text.split())
