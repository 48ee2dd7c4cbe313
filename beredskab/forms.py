"""Form rendering in the Danish design system (DKFDS): one field template for the whole project."""

from django import forms
from django.forms.renderers import TemplatesSetting


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


class DkfdsFormMixin:
    """Adds the design system's classes to widgets and marks invalid fields for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
