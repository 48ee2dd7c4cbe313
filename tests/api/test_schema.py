"""The OpenAPI schema and its interactive docs: public, and the docs run under our strict CSP."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.contrib.staticfiles import finders
from django.test import Client
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from openapi_spec_validator import validate as validate_openapi

NOTIFICATION_PATHS = {
    "/api/v1/notifications/",
    "/api/v1/notifications/{reference}/",
    "/api/v1/notifications/queue/",
}


def test_schema_is_openapi_3_with_the_three_paths(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == NOTIFICATION_PATHS
    assert set(schema["paths"]["/api/v1/notifications/"]) == {"post"}
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_passes_the_openapi_spec_validator(schema):
    # What client generators and API gateways check first: a schema that fails here is refused.
    validate_openapi(schema)


def test_schema_generates_without_warnings():
    # drf-spectacular's warnings are system check warnings: `check --deploy` would fail on them.
    GENERATOR_STATS.reset()

    SchemaGenerator().get_schema(request=None, public=True)

    assert not GENERATOR_STATS


def test_schema_as_yaml_without_a_token(db):
    response = Client().get("/api/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert set(yaml.safe_load(response.content)["paths"]) == NOTIFICATION_PATHS


class Assets(HTMLParser):
    """The scripts, styles and icons a page loads, and any inline script or style."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline, self._open = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag in ("script", "style"):
            self._open = tag
        elif tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if "style" in attrs:
            self.inline.append(f"style attribute on <{tag}>")

    def handle_data(self, data):
        if self._open and data.strip():
            self.inline.append(f"<{self._open}>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        self._open = None


def test_docs_load_only_same_origin_files_and_no_inline_script(db):
    response = Client().get("/api/docs/")

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = Assets()
    page.feed(response.content.decode())
    assert page.inline == []
    scripts = [url for url in page.urls if ".js" in url or "script" in url]
    assert len(scripts) == 3  # Swagger UI's two files and its start script
    for url in page.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and url.startswith("/"), url
        if url.startswith("/static/"):
            assert finders.find(parts.path.removeprefix("/static/")), url


def test_the_start_script_is_a_file_that_reads_our_schema(db):
    client = Client()
    page = Assets()
    page.feed(client.get("/api/docs/").content.decode())
    start = next(url for url in page.urls if url.startswith("/api/docs/"))

    response = client.get(start)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert 'url: "/api/schema/"' in script
    assert '"validatorUrl": null' in script  # no badge from validator.swagger.io


def test_every_path_in_the_schema_is_requested_by_some_test(schema):
    """A poor man's contract check: each documented path appears in a request in tests/api."""
    here = Path(__file__)
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in here.parent.glob("test_*.py") if path != here
    )
    for path in schema["paths"]:
        pattern = re.escape(path).replace(r"\{reference\}", r"(\{[^}]+\}|U-[0-9A-Z-]+)")
        assert re.search(f"[\"']{pattern}[\"'?]", sources), f"no test requests {path}"
