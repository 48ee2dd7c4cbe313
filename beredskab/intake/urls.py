from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("fagperson/", views.professional_form, name="professional"),
    path("fagperson/kopi/", views.professional_copy, name="professional-copy"),
    path("borger/", views.citizen_form, name="citizen"),
]
