"""Text people type: never longer than where it is stored or printed, never hiding itself.

Bidirectional controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C) can
make a title read on screen differently from what it says, and zero-width characters
(U+200B–U+200D, U+2060, U+FEFF) make two titles that look the same compare different. Thai
needs none of them: they are dropped from whatever is typed into a text field.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    return INVISIBLE.sub("", text)


class TextField(forms.CharField):
    """A CharField that drops invisible characters and says in Thai how long text may be.

    ModelForms get it through Meta.field_classes, so the limit is the model field's own.
    """

    default_error_messages = {
        "max_length": _("ข้อความยาวเกินไป กรอกได้ไม่เกิน %(limit_value)d ตัวอักษร (ตอนนี้ %(show_value)d)"),
    }

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Stripped again: text that was only invisible characters and spaces is empty.
        return visible(value).strip() if self.strip else visible(value)
