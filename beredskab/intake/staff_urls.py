from django.urls import path

from . import staff_views as views

app_name = "intake"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("koe/", views.queue_table, name="queue-table"),
    path("registrer/", views.register, name="register"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/kvittering-sendt/", views.mark_receipt_sent, name="receipt-sent"),
    path("<str:reference>/akut/", views.mark_as_acute, name="mark-acute"),
    path("<str:reference>/akut/kvitter/", views.acknowledge_alert, name="acknowledge-alert"),
    path("<str:reference>/bilag/<int:attachment_id>/", views.attachment, name="attachment"),
]
