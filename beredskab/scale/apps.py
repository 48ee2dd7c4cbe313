from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "beredskab.scale"
    verbose_name = "Scale data for benchmarks"
