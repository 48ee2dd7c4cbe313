from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "beredskab.demo"
    verbose_name = "Demo"
