"""The press log under /medarbejder/presse/."""

from django.urls import path

from . import views

app_name = "press"
urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("ny/", views.new, name="new"),
    path("<int:inquiry_id>/", views.detail, name="detail"),
    path("<int:inquiry_id>/rediger/", views.edit, name="edit"),
]
