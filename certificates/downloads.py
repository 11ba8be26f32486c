"""Serving stored files: the PDF exactly as issued (never re-rendered) and ZIPs streamed
document by document, so a cohort of hundreds never sits in memory."""

import zipfile
from collections.abc import Iterable, Iterator

from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse

from certificates.models import Certificate

CHUNK = 64 * 1024
LINK_SALT = "certificates.download-link"
LINK_MAX_AGE = 300  # seconds


def signed_download_path(certificate: Certificate) -> str:
    """A link to the stored PDF valid for five minutes, for whoever was allowed to see the
    certificate when the link was made. API clients with token auth hand it to a browser
    or a download manager, which cannot send the token. The link names the stored file and
    its hash, signed with SECRET_KEY: serving it needs no session and no database read."""
    token = signing.dumps(
        {"f": certificate.pdf.name, "h": certificate.sha256, "n": certificate.download_name},
        salt=LINK_SALT,
        compress=True,
    )
    return reverse("certificates:signed-download", args=[token])


def signed_download_response(request: HttpRequest, token: str) -> HttpResponse:
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    try:
        handle = default_storage.open(payload["f"], "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=payload["n"], content_type="application/pdf"
    )
    response["ETag"] = f'"{payload["h"]}"'
    response["Cache-Control"] = "private, max-age=300"
    response["Referrer-Policy"] = "no-referrer"
    return response


def stored_pdf_response(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    etag = f'"{certificate.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=certificate.download_name,
            content_type="application/pdf",
        )
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=86400"
    return response


class _Sink:
    """A write-only, unseekable file: zipfile then writes data descriptors and never seeks."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def seek(self, *args) -> int:
        raise OSError("unseekable")

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def zip_stream(certificates: Iterable[Certificate]) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            if not certificate.pdf:
                continue
            with (
                certificate.pdf.open("rb") as source,
                archive.open(certificate.download_name, mode="w") as target,
            ):
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def zip_response(certificates: Iterable[Certificate], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(zip_stream(certificates), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
