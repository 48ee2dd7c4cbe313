"""The project's URLs. Public pages and the guide exist in Danish (no prefix) and English (/en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from beredskab import views as staff_views
from beredskab.accounts.admin import two_factor_admin_urls
from beredskab.public import views as public_views

urlpatterns = [
    path("favicon.ico", public_views.favicon, name="favicon"),
    path("api/kontakt-nu/", public_views.contact_now_json, name="contact-now-json"),
    path("api/", include("beredskab.api.urls")),
    path("medarbejder/", staff_views.staff_home, name="staff-home"),
    path("medarbejder/konto/", include("beredskab.accounts.urls")),
    path("medarbejder/underretninger/", include("beredskab.intake.staff_urls")),
    path("medarbejder/logning/", include("beredskab.audit.urls")),
    path("medarbejder/sager/", include("beredskab.cases.urls")),
    path("medarbejder/sager/", include("beredskab.section12a.urls")),
    path("medarbejder/personer/", include("beredskab.persons.urls")),
    path("medarbejder/indsatsgruppen/", include("beredskab.meetings.urls")),
    path("medarbejder/presse/", include("beredskab.press.urls")),
    path("medarbejder/plan/", include("beredskab.governance.urls")),
    path("medarbejder/statistik/", include("beredskab.stats.urls")),
    # Two factors and the systemadministrator role (or superuser) for every admin page.
    path("admin/", two_factor_admin_urls(admin.site)),
]

urlpatterns += i18n_patterns(
    path("", include("beredskab.public.urls")),
    path("fagperson/", include("beredskab.guide.urls")),
    path("underret/", include("beredskab.intake.urls")),
    prefix_default_language=False,
)
