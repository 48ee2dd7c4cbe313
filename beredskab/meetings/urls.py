"""The Indsatsgruppe's pages, mounted at /medarbejder/indsatsgruppen/."""

from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nyt/", views.meeting_new, name="new"),
    path("opfoelgning/", views.follow_up, name="follow-up"),
    path("sag/<str:reference>/indsats/ny/", views.initiative_new, name="initiative-new"),
    path("sag/<str:reference>/dagsorden/", views.case_agenda_add, name="case-agenda-add"),
    path("indsats/<int:initiative_id>/", views.initiative_update, name="initiative-update"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/rediger/", views.meeting_edit, name="edit"),
    path("<int:meeting_id>/dagsorden/", views.agenda_add, name="agenda-add"),
    path("<int:meeting_id>/udsend/", views.agenda_send, name="agenda-send"),
    path("<int:meeting_id>/referat/", views.minutes, name="minutes"),
    path("<int:meeting_id>/punkt/<int:item_id>/beslutning/", views.decision, name="decision"),
    path("<int:meeting_id>/invitation.ics", views.meeting_ics, name="ics"),
]
