"""Form rendering in the Danish design system (DKFDS): one field template for the whole project,
one limit on the length of every text field, and the fields for a date and a time typed the
Danish way."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A text field whose form names no limit gets one of these: no field takes unbounded text.
LINE_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 20000
TOO_LONG = _("Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).")


class DkfdsFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.CheckboxInput: "form-checkbox",
    forms.Select: "form-select",
    forms.Textarea: "form-input",
    forms.ClearableFileInput: "form-file-input",
    forms.widgets.Input: "form-input",
}


def bound_text(field: forms.Field) -> None:
    """Give a text field a length limit (if it has none) and the Danish message for it."""
    if not isinstance(field, forms.CharField) or isinstance(
        field, forms.UUIDField | forms.JSONField
    ):
        return  # not text once cleaned
    if not field.max_length:
        long_text = isinstance(field.widget, forms.Textarea)
        field.max_length = TEXT_MAX_LENGTH if long_text else LINE_MAX_LENGTH
        field.widget.attrs.update(field.widget_attrs(field.widget))
    field.validators = [
        *(v for v in field.validators if not isinstance(v, MaxLengthValidator)),
        MaxLengthValidator(field.max_length, message=TOO_LONG),
    ]


# The mixin is used with forms.Form and forms.ModelForm; the type checker sees it as a form.
if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object


class DkfdsFormMixin(_Form):
    """Adds the design system's classes to widgets, marks invalid fields for screen readers, and
    bounds every text field (`bound_text`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break
            bound_text(field)

    def full_clean(self):
        for field in self.fields.values():  # also those a form adds after __init__
            bound_text(field)
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


# -- Dates and times ------------------------------------------------------------------------------

# 24-11-2026, 24.11.2026 and 24/11/2026 as people type them, and 2026-11-24 as a date picker or a
# link sends it. Day first always: 03-04-2026 is the 3rd of April.
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]
DATE_SHOWN = "%d-%m-%Y"
# 14:30, and 14.30 as Danish writes it.
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M"]
TIME_SHOWN = "%H:%M"
# A clock a few minutes fast on the user's computer is not an error.
CLOCK_SLACK = dt.timedelta(minutes=5)


class DanishDateField(forms.DateField):
    """A date typed day first (24-11-2026, 24.11.2026, 24/11/2026) or sent as 2026-11-24; shown
    as 24-11-2026."""

    input_formats = DATE_INPUT_FORMATS
    widget = forms.DateInput(format=DATE_SHOWN, attrs={"autocomplete": "off"})
    default_error_messages = {"invalid": _("Skriv datoen som dag-måned-år, fx 24-11-2026.")}


class DanishTimeField(forms.TimeField):
    """A time of day typed as 14:30 or 14.30; shown as 14:30."""

    input_formats = TIME_INPUT_FORMATS
    widget = forms.TimeInput(format=TIME_SHOWN, attrs={"autocomplete": "off"})
    default_error_messages = {"invalid": _("Skriv klokkeslættet som timer og minutter, fx 14:30.")}


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment that a date and a time typed on a form mean: Danish time (settings.TIME_ZONE),
    as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, time))


def in_the_future(moment: dt.datetime) -> bool:
    """Later than now, beyond a clock that runs a few minutes fast (CLOCK_SLACK)."""
    return moment > timezone.now() + CLOCK_SLACK
