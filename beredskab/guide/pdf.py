"""Rendering templates to PDF with WeasyPrint, reading static files from disk (never over HTTP)."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string

# A base URL no browser or server ever sees: the fetcher below maps it onto static files.
STATIC_BASE = "https://pdf.beredskab.invalid/static/"


def _static_path(url: str) -> str:
    if not url.startswith(STATIC_BASE):
        raise ValueError("the PDF may only use the project's own static files")
    relative = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
    path = finders.find(relative)
    if path is None and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        path = str(candidate) if candidate.is_file() else None
    if path is None:
        raise FileNotFoundError(relative)
    return path


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = _static_path(url)
            mime_type, _ = mimetypes.guess_type(path)
            return URLFetcherResponse(
                url, body=Path(path).read_bytes(), headers={"Content-Type": mime_type or ""}
            )

    return StaticFileFetcher(fail_on_errors=True)


def render_pdf(template: str, context: dict, *, cache_key: str | None = None) -> bytes:
    if cache_key:
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
    from weasyprint import HTML  # imported late: it is heavy and only the PDFs need it

    html = render_to_string(template, {**context, "static_base": STATIC_BASE})
    pdf = HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    if cache_key:
        cache.set(cache_key, pdf, 60 * 60)
    return pdf
