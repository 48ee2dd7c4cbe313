"""The API's URLs, under /api/: the OpenAPI schema and its docs (public: they hold no data) and
version 1 of the notification endpoints."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from beredskab.access import public

from . import views

app_name = "api"
urlpatterns = [
    path("schema/", public(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", public(views.ApiDocs.as_view()), name="docs"),
    path("v1/notifications/", views.RegisterNotification.as_view(), name="notifications"),
    path("v1/notifications/queue/", views.IntakeQueue.as_view(), name="queue"),
    path(
        "v1/notifications/<str:reference>/", views.NotificationDetail.as_view(), name="notification"
    ),
]
