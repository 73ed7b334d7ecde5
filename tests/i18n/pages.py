"""The pages a resident can reach, derived from the access matrix: every GET the anonymous persona is answered
200, with the sample objects of the matrix's world, that is an HTML page. The error pages are added by hand,
since no URL pattern names them."""

from __future__ import annotations

from django.urls import reverse

from tests.access.test_matrix import concrete_path, load_table, url_patterns

# Answers that are not pages: data for programs, files and feeds.
NOT_PAGES = ("api-1:", "open311:", "admin:")


def resident_paths(args: dict) -> list[str]:
    routes = dict(url_patterns())
    paths = []
    for row in load_table():
        if row.method != "GET" or row.expected["anonymous"] != "200" or row.key.startswith(NOT_PAGES):
            continue
        route = routes.get(row.key)
        if route is None:
            continue
        path = concrete_path(row.key, route, args)
        if path is not None:
            paths.append(path)
    return sorted(set(paths))


def extra_resident_paths(world) -> list[str]:
    """Pages with a query the matrix does not ask: filtered lists and a search."""
    return [
        reverse("public:search") + "?q=f%C3%B6rskola",
        reverse("dialogue:reports") + "?kind=fault&status=closed",
        reverse("indicators:dashboard") + "?area=" + str(world["args"]["public:area"]["area_slug"]),
    ]
