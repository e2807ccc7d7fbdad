"""A model field that keeps several choices in one column (a practice's acceleration factors and languages).

Stored as ``",education,migration,"``: portable (SQLite and PostgreSQL), indexable, and one choice is
found with ``contains=",education,"`` (``GoodPracticeQuerySet.with_choice``). Python sees a list.
"""

from django import forms
from django.core import exceptions
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.CharField):
    description = _("A list of choices")

    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.options:
            kwargs["options"] = [(str(value), str(label)) for value, label in self.options]
        if kwargs.get("max_length") == 255:
            del kwargs["max_length"]
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    @staticmethod
    def split(value):
        if value is None:
            return []
        if isinstance(value, (list, tuple, set)):
            return [str(each) for each in value if each]
        return [each for each in str(value).split(",") if each]

    def from_db_value(self, value, expression, connection):
        return self.split(value)

    def to_python(self, value):
        return self.split(value)

    def get_prep_value(self, value):
        values = self.split(value)
        return f",{','.join(values)}," if values else ""

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        values = self.split(value)
        if not values and not self.blank:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")
        known = {str(code) for code, _label in self.options}
        for each in values:
            if known and each not in known:
                raise exceptions.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": each}
                )

    def labels(self, values):
        names = dict(self.options)
        return [str(names.get(each, each)) for each in self.split(values)]

    def formfield(self, **kwargs):
        defaults = {
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "choices": self.options,
            "widget": forms.CheckboxSelectMultiple,
        }
        kwargs = {key: value for key, value in kwargs.items() if key in ("required", "label", "help_text")}
        return forms.MultipleChoiceField(**{**defaults, **kwargs})
