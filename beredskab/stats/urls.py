from django.urls import path

from . import views

app_name = "stats"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("eksport.csv", views.export, name="export"),
    path("notifikationer.csv", views.export_rows, name="export-rows"),
]
