"""Form rendering in the Danish design system (DKFDS): one field template for the whole project,
and one limit on the length of every text field."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
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


class DkfdsFormMixin:
    """Adds the design system's classes to widgets, marks invalid fields for screen readers, and
    bounds every text field (`bound_text`)."""

    def __init__(self, *args, **kwargs):
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
