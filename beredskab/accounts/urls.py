from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("log-ind/", views.login, name="login"),
    path("totp/", views.verify, name="verify"),
    path("totp/opret/", views.setup_2fa, name="setup-2fa"),
    path("log-ud/", views.logout, name="logout"),
    # Single sign-on (404 unless configured). The provider's redirect URI is oidc/callback/.
    path("oidc/log-ind/", views.oidc_login, name="oidc-login"),
    path("oidc/callback/", views.oidc_callback, name="oidc-callback"),
]
