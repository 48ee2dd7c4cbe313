"""What the README and `make run` tell people about the public side matches the system."""

import re

from django.urls import reverse

from tests.conftest import ROOT


def test_make_run_sends_staff_to_the_staff_pages():
    banner = (ROOT / "Makefile").read_text(encoding="utf-8")

    sign_in = next(line for line in banner.splitlines() if "staff sign-in" in line)
    assert re.search(r"\)/medarbejder/ ", sign_in), sign_in
    assert reverse("staff-home") == "/medarbejder/"
    assert "/admin/" not in sign_in


def test_the_readme_documents_who_to_contact_now_as_json():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert reverse("contact-now-json") == "/api/kontakt-nu/"
    section = readme[readme.index("/api/kontakt-nu/") :]
    for name in ("at", "lang", "open", "contact_now", "outside_hours", "acute", "emergency"):
        assert f"`{name}`" in section, name
