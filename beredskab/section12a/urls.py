"""§ 12 a on an adult's case (mounted under /medarbejder/sager/)."""

from django.urls import path

from . import views

app_name = "section12a"
urlpatterns = [
    path("<str:reference>/raadgivning/", views.counselling, name="counselling"),
    path("<str:reference>/handleplan/ny/", views.action_plan_new, name="action-plan-new"),
    path("<str:reference>/handleplan/<int:version>/", views.action_plan, name="action-plan"),
    path(
        "<str:reference>/handleplan/<int:version>.pdf",
        views.action_plan_pdf,
        name="action-plan-pdf",
    ),
]
