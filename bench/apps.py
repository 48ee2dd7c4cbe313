from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks' own app: `manage.py generate_scale_data`. Installed by bench/settings.py
    and the tests' settings only, never in production."""

    name = "bench"
    verbose_name = "Benchmarks"
