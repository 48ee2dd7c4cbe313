"""The protection pages: /medarbejder/sager/<reference>/beskyttelse/ and a person's."""

from django.urls import path

from beredskab.persons.urls import PersonReference  # noqa: F401  (registers the converter)

from . import views

app_name = "safety"
urlpatterns = [
    path("sager/<str:reference>/beskyttelse/", views.case_protection, name="case"),
    path("sager/<str:reference>/beskyttelse/send/", views.send_message, name="send"),
    path(
        "sager/<str:reference>/beskyttelse/samtale/", views.child_conversation, name="conversation"
    ),
    path("sager/<str:reference>/beskyttelse/tilbagemelding/", views.feedback, name="feedback"),
    path(
        "sager/<str:reference>/beskyttelse/besked/<int:message_id>/invitation.ics",
        views.invitation_ics,
        name="ics",
    ),
    path("personer/<person:person_ref>/beskyttelse/", views.person_protection, name="person"),
]
