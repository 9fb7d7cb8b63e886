"""Helpers for driving admin change forms in tests: read a form as the browser would post it."""

from django import forms
from django.contrib.auth.models import Group, User

from editorial.roles import EDITORS, TRANSLATORS, sync_roles


def _field_data(bound_field, data):
    if bound_field.field.disabled:
        return
    widget = bound_field.field.widget
    value = bound_field.value()
    if isinstance(bound_field.field, forms.FileField):
        return
    if isinstance(bound_field.field, forms.BooleanField):
        if value:
            data[bound_field.html_name] = "on"
        return
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, list) else widget.decompress(value)
        for suffix, subwidget, item in zip(widget.widgets_names, widget.widgets, values, strict=True):
            data[bound_field.html_name + suffix] = subwidget.format_value(item) or ""
    elif isinstance(value, (list, tuple)):
        data[bound_field.html_name] = [str(item) for item in value]
    else:
        formatted = widget.format_value(value)
        if isinstance(formatted, (list, tuple)):
            formatted = [item for item in formatted if item not in ("", None)]
            if formatted:
                data[bound_field.html_name] = formatted
        else:
            data[bound_field.html_name] = formatted or ""


def change_form_data(response, **changes):
    """The POST data of the admin change form in `response`, with `changes` applied."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _field_data(form[name], data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form[name].html_name] = formset.management_form[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                _field_data(inline_form[name], data)
    data.update(changes)
    return data


def make_user(username, group=None, superuser=False):
    user = User.objects.create_user(username, f"{username}@ura.example.org", "secret-pass-123", is_staff=True)
    if superuser:
        user.is_superuser = True
        user.save()
    if group:
        sync_roles()
        user.groups.add(Group.objects.get(name=group))
    return user


def editor(username="vera"):
    return make_user(username, EDITORS)


def translator(username="arben"):
    return make_user(username, TRANSLATORS)
