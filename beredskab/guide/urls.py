from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.choose, name="choose"),
    path("<slug:concern>/<slug:age>/", views.path_steps, name="path"),
    path("underret/", views.how_to_notify, name="notify"),
    path("plan/", views.whole_plan, name="plan"),
    path("plan.pdf", views.plan_pdf, name="plan-pdf"),
]
