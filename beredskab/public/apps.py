from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "beredskab.public"
    verbose_name = _("Offentlige sider")
