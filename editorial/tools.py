"""Tools of the apps above this floor that the editorial admin offers: list actions and dashboard links.

An app offers them in a module named ``editorial_tools`` (found once, at start-up, as the admin
finds the apps' ``admin`` modules), so that editorial never imports the apps above it:

- ``LIST_ACTIONS``: admin actions (``@admin.action`` functions taking the model admin, the request
  and the selection) added to the list of every content admin (EditorialAdmin), for translators too;
  Django's ``allowed_permissions`` on the action decides who sees it;
- ``dashboard_links(request)``: ``[{"title", "links": [{"text", "url"}]}]``, boxes on the admin
  index, for those who may use them.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

MODULE = "editorial_tools"
_found = None


def _modules():
    global _found
    if _found is None:
        _found = [
            import_module(f"{config.name}.{MODULE}")
            for config in apps.get_app_configs()
            if module_has_submodule(config.module, MODULE)
        ]
    return _found


def list_actions():
    """Every app's list actions, in the order of INSTALLED_APPS."""
    return [action for module in _modules() for action in getattr(module, "LIST_ACTIONS", ())]


def dashboard_links(request):
    links = []
    for module in _modules():
        offer = getattr(module, "dashboard_links", None)
        if offer is not None:
            links.extend(offer(request))
    return links
