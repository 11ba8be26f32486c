"""PDF rendering with WeasyPrint. Only services and tasks call this module, never a view.

Two rules hold here:
- no network, ever: `LocalOnlyFetcher` serves `data:` URIs and files under the project's
  static directories and MEDIA_ROOT, and stops the rendering for anything else;
- render fast: one `FontConfiguration`, the parsed stylesheet and the image cache live at
  module level and are reused by every render in the process (font loading and CSS
  parsing otherwise dominate a one-page document).
"""

from __future__ import annotations

import mimetypes
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = Path(__file__).resolve().parent / "static" / "certificates"
STYLESHEET = STATIC_DIR / "pdf" / "certificate.css"
TEMPLATE = "certificates/pdf/certificate.html"
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


class ForbiddenURLError(ValueError):
    """A document tried to load something that is not one of our own files."""


def allowed_roots() -> list[Path]:
    """The project's static directories (project-wide and per app), STATIC_ROOT, MEDIA_ROOT."""
    roots = [Path(d) for d in getattr(settings, "STATICFILES_DIRS", [])]
    roots += [
        Path(config.path) / "static"
        for config in apps.get_app_configs()
        if (Path(config.path) / "static").is_dir()
    ]
    for extra in (getattr(settings, "STATIC_ROOT", None), getattr(settings, "MEDIA_ROOT", None)):
        if extra:
            roots.append(Path(extra))
    return [root.resolve() for root in roots]


class LocalOnlyFetcher(URLFetcher):
    """Serves `data:` URIs and local files under `allowed_roots()`; raises for anything else.

    `fail_on_errors=True` turns any refusal into WeasyPrint's `FatalURLFetchingError`, so a
    document that references a remote or foreign file is not rendered at all (WeasyPrint
    would otherwise log a warning and leave a hole).
    """

    def __init__(self, roots: list[Path] | None = None) -> None:
        super().__init__(fail_on_errors=True, allow_redirects=False)
        self._roots = roots if roots is not None else allowed_roots()
        self._files: dict[Path, bytes] = {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)  # inline, handled by urllib's DataHandler
        if scheme != "file":
            raise ForbiddenURLError(f"Refused to fetch {url!r}: only local files are allowed.")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ForbiddenURLError(f"Refused to fetch {url!r}: remote file URL.")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots) or not path.is_file():
            raise ForbiddenURLError(f"Refused to fetch {url!r}: not a project file.")
        body = self._files.get(path)
        if body is None:
            body = self._files[path] = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


class FileImageCache(dict):
    """WeasyPrint's image cache, keeping only images loaded from files (emblem, logo).

    Every certificate carries its own QR code as a `data:` URI: caching those would grow
    without bound in a long-running worker and never be hit again."""

    def __setitem__(self, key: str, value: Any) -> None:
        if not str(key).startswith("data:"):
            super().__setitem__(key, value)


class _Renderer:
    """The per-process cache: fetcher, fonts, stylesheet, images."""

    def __init__(self) -> None:
        self.fetcher = LocalOnlyFetcher()
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(
            filename=str(STYLESHEET), url_fetcher=self.fetcher, font_config=self.font_config
        )
        self.image_cache: dict[str, Any] = FileImageCache()
        self.base_url = STATIC_DIR.as_uri() + "/"
        self.lock = threading.Lock()

    def write_pdf(self, html: str) -> bytes:
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        # FontConfiguration and the caches are not thread-safe; processes scale, threads wait.
        with self.lock:
            return document.write_pdf(
                stylesheets=[self.stylesheet], font_config=self.font_config, cache=self.image_cache
            )


_renderer: _Renderer | None = None
_renderer_lock = threading.Lock()


def renderer() -> _Renderer:
    global _renderer
    if _renderer is None:
        with _renderer_lock:
            if _renderer is None:
                _renderer = _Renderer()
    return _renderer


def date_id(value: str | date | None) -> str:
    """`2025-03-12` -> `12 Maret 2025` (the document is in Indonesian whatever the UI)."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def jp_text(value: str | Decimal | int | None) -> str:
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


def qr_data_uri(url: str) -> str:
    """The verification URL as a QR code. The mask pattern is fixed: choosing the "best"
    of eight by penalty score costs segno about 3 ms of pure Python per certificate, and
    every mask gives a valid code that phone readers decode."""
    return segno.make(url, error="m", micro=False, mask=0).svg_data_uri(
        scale=4, border=0, dark="#1a1a1a", nl=False
    )


def certificate_html(snapshot: dict[str, Any]) -> str:
    """The HTML of a certificate from its snapshot. Every value is autoescaped by the
    template: snapshot values are data, never markup."""
    context = {
        "s": snapshot,
        "is_award": snapshot.get("kind") == "award",
        "jp": jp_text(snapshot.get("jp")),
        "period_start": date_id(snapshot.get("period_start")),
        "period_end": date_id(snapshot.get("period_end")),
        "issued_on": date_id(snapshot.get("issued_on")),
        "qr": qr_data_uri(snapshot["verification_url"]),
    }
    return render_to_string(TEMPLATE, context)


def render_html_to_pdf(html: str) -> bytes:
    """Bare rendering of already-built HTML with the shared cache (benchmarks use it too)."""
    return renderer().write_pdf(html)


def render_certificate_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_html_to_pdf(certificate_html(snapshot))
