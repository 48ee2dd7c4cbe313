"""The project's URLs. Public pages and the guide exist in Danish (no prefix) and English (/en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from beredskab.public import views as public_views

urlpatterns = [
    path("api/kontakt-nu/", public_views.contact_now_json, name="contact-now-json"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("beredskab.public.urls")),
    path("fagperson/", include("beredskab.guide.urls")),
    prefix_default_language=False,
)
