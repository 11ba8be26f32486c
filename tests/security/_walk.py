"""Walk the URL configuration: every route with its namespaced name and converters."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]


def walk(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    result: list[Route] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            result += walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            regex = entry.pattern.regex
            result.append(
                Route(
                    f"{namespace}{entry.name or ''}",
                    prefix + str(entry.pattern),
                    tuple(regex.groupindex),
                )
            )
    return result
