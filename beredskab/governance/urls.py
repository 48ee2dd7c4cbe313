"""The plan's governance pages, under /medarbejder/plan/."""

from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("upload/", views.upload, name="upload"),
    path("version/<int:version_id>/", views.version, name="version"),
    path("version/<int:version_id>/vedtagelse/", views.adoption, name="adoption"),
    path("version/<int:version_id>/offentliggoer/", views.publish, name="publish"),
    path("koordinering/", views.meetings, name="meetings"),
    path("koordinering/<int:meeting_id>/", views.meeting_report, name="meeting-report"),
    path(
        "koordinering/<int:meeting_id>/rapport.pdf",
        views.meeting_report_pdf,
        name="meeting-report-pdf",
    ),
]
