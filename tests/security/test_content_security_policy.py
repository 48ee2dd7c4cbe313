"""A strict Content-Security-Policy: no inline script or style anywhere, nothing from other hosts.

The policy is sent on every response; the templates are scanned so that nothing is written that
the policy would block (a blocked script fails silently in the user's browser)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "beredskab"
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
PDF_TEMPLATES = {"plan_pdf.html", "action_plan_pdf.html"}  # rendered by WeasyPrint, not browsers

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE)
OTHER_HOST = re.compile(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"https?://", re.IGNORECASE)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_nothing_the_policy_blocks(template):
    text = template.read_text(encoding="utf-8")
    if template.name in PDF_TEMPLATES:
        return
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to a static file"
    assert not STYLE_ATTRIBUTE.search(text), "style attribute: use a class in site.css"
    assert not EVENT_HANDLER.search(text), "on...= handler: use addEventListener in a static file"
    assert "<style" not in text.lower(), "<style> element: use site.css"
    assert not OTHER_HOST.search(text), "loads from another host"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/fagperson/", "/medarbejder/konto/log-ind/", "/api/docs/"])
def test_every_page_sends_the_policy(client, allerod_plan, path):
    policy = client.get(path)["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
