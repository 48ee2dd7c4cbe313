"""The plan's governance pages, under /medarbejder/plan/."""

from django.urls import path

from . import editor_views, views

app_name = "governance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("upload/", views.upload, name="upload"),
    path("version/<int:version_id>/", views.version, name="version"),
    path("version/<int:version_id>/vedtagelse/", views.adoption, name="adoption"),
    path("version/<int:version_id>/offentliggoer/", views.publish, name="publish"),
    path("version/<int:version_id>/plan.yaml", editor_views.export_version, name="export"),
    path("version/<int:version_id>/send/", editor_views.submit_version, name="submit-version"),
    path("version/<int:version_id>/godkendelse/", editor_views.review, name="review"),
    path("editor/", editor_views.home, name="editor"),
    path("editor/ny/", editor_views.start, name="editor-start"),
    path("editor/<int:draft_id>/", editor_views.draft, name="editor-draft"),
    path("editor/<int:draft_id>/send/", editor_views.submit, name="editor-submit"),
    path("editor/<int:draft_id>/plan.yaml", editor_views.export_draft, name="editor-export"),
    path("editor/<int:draft_id>/vis/<slug:kind>/", editor_views.preview, name="editor-preview"),
    path("editor/<int:draft_id>/<slug:page>/", editor_views.page, name="editor-page"),
    path("koordinering/", views.meetings, name="meetings"),
    path("koordinering/<int:meeting_id>/", views.meeting_report, name="meeting-report"),
    path(
        "koordinering/<int:meeting_id>/rapport.pdf",
        views.meeting_report_pdf,
        name="meeting-report-pdf",
    ),
]
