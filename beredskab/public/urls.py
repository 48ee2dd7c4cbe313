from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("unge/", views.young, name="young"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
]
