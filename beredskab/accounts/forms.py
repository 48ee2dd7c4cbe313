"""The sign-in forms: password step, code step, and setting up an authenticator app."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from beredskab.forms import DkfdsFormMixin

from .services import is_authenticator_code, normalise_code
from .system_accounts import is_system_account


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    """Django's password check (through django-axes, which counts failures), in Danish."""

    error_messages = {
        "invalid_login": _(
            "Brugernavn eller adgangskode er forkert. Tjek at du har skrevet begge rigtigt "
            "(der er forskel på store og små bogstaver)."
        ),
        "inactive": _("Din konto er lukket. Kontakt systemadministratoren."),
        "system_account": _("En systemkonto bruger API'et med et token og kan ikke logge ind her."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Brugernavn")
        self.fields["password"].label = _("Adgangskode")
        self.fields["username"].error_messages["required"] = _("Skriv dit brugernavn.")
        self.fields["password"].error_messages["required"] = _("Skriv din adgangskode.")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_system_account(user):  # even if someone gave it a password
            raise forms.ValidationError(
                self.error_messages["system_account"], code="system_account"
            )


class VerifyForm(DkfdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        help_text=_("6 cifre fra godkendelses-appen, eller en af dine reservekoder."),
        max_length=32,
        error_messages={"required": _("Skriv koden fra din godkendelses-app.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-s",
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class EnrolmentForm(DkfdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode fra appen"),
        help_text=_("6 cifre, fx 123456."),
        max_length=16,
        error_messages={"required": _("Skriv den kode, appen viser.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-s",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
            }
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not is_authenticator_code(code):
            raise forms.ValidationError(_("Koden skal være 6 cifre. Tast den kode, appen viser."))
        return code
