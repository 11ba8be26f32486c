"""Extension points that let each app add to shared pages without the base knowing it.

An app contributes navigation by defining `navigation(request) -> list[NavItem]` in its
`navigation.py`, and dashboard panels by defining `panels(request) -> list[Panel]` in its
`dashboard.py`, and demo data with `seed(*, stdout)` in its `demo.py`. Apps are visited in
INSTALLED_APPS order, so a later app's seed can rely on an earlier app's data.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50


@dataclass
class Panel:
    """A dashboard card: a template rendered with a context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


def app_hooks(module_name: str, function_name: str) -> Iterator[Callable[..., Any]]:
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{module_name}":
                raise
            continue
        hook = getattr(module, function_name, None)
        if hook is not None:
            yield hook


def navigation_for(request: HttpRequest) -> list[NavItem]:
    items = [item for hook in app_hooks("navigation", "navigation") for item in hook(request)]
    return sorted(items, key=lambda item: item.order)


def dashboard_panels_for(request: HttpRequest) -> list[Panel]:
    panels = [panel for hook in app_hooks("dashboard", "panels") for panel in hook(request)]
    return sorted(panels, key=lambda panel: panel.order)
