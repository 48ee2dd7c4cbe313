"""The case pages under /medarbejder/sager/. A case is named by its notification's reference
(e.g. U-7K2M-9XWA), never by anything personal."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("soeg/", views.search, name="search"),
    path("overdraget/", views.handed_over, name="handed-over"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/risikoscreening/", views.screen, name="screen"),
    path("<str:reference>/risikovurdering/", views.assess, name="assess"),
    path(
        "<str:reference>/risikovurdering/<int:revision>/sammenlign/",
        views.assessment_compare,
        name="assessment-compare",
    ),
    path(
        "<str:reference>/risikovurdering/<int:revision>/pdf/",
        views.assessment_pdf,
        name="assessment-pdf",
    ),
    path("<str:reference>/spor/", views.set_track, name="track"),
    path("<str:reference>/videregiv/", views.route, name="route"),
    path("<str:reference>/tildel/", views.assign, name="assign"),
    path("<str:reference>/notat/", views.add_note, name="note"),
    path("<str:reference>/notat/<int:entry_id>/ret/", views.correct, name="correct"),
    path("<str:reference>/opfoelgning/", views.review_date, name="review"),
    path("<str:reference>/luk/", views.close, name="close"),
    path("<str:reference>/genaabn/", views.reopen, name="reopen"),
    path("<str:reference>/voksensporet/", views.adult_track, name="adult-track"),
    path("<str:reference>/status/", views.receiving_status, name="receiving-status"),
    path("<str:reference>/ny-kommune/", views.move_informed, name="move-informed"),
    path("<str:reference>/bryd-glasset/", views.break_glass, name="break-glass"),
]
