"""The person pages under /medarbejder/personer/. Persons are named by their random reference
(P-7K2M-9XWA-3QRT), never by CPR number or sequential id: anything else is not a person URL."""

from django.urls import path, register_converter

from . import views


class PersonReference:
    regex = r"[pP]-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(PersonReference, "person")

app_name = "persons"
urlpatterns = [
    path("<person:person_ref>/", views.detail, name="detail"),
    path("<person:person_ref>/match/<person:other_ref>/bekraeft/", views.confirm, name="confirm"),
    path("<person:person_ref>/match/<person:other_ref>/afvis/", views.reject, name="reject"),
    path("<person:person_ref>/opdel/", views.split, name="split"),
    path(
        "<person:person_ref>/fletning/<person:source_ref>/fortryd/",
        views.undo_merge,
        name="undo-merge",
    ),
    path("underretning/<str:reference>/tilfoej/", views.add_related, name="add-related"),
    path("underretning/<str:reference>/familie/", views.family, name="family"),
]
