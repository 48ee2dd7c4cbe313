"""The person pages under /medarbejder/personer/. Persons are named by internal ids, never CPR."""

from django.urls import path

from . import views

app_name = "persons"
urlpatterns = [
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/match/<int:other_id>/bekraeft/", views.confirm, name="confirm"),
    path("<int:person_id>/match/<int:other_id>/afvis/", views.reject, name="reject"),
    path("<int:person_id>/opdel/", views.split, name="split"),
    path("fletning/<int:merge_id>/fortryd/", views.undo_merge, name="undo-merge"),
    path("underretning/<str:reference>/tilfoej/", views.add_related, name="add-related"),
    path("underretning/<str:reference>/familie/", views.family, name="family"),
]
