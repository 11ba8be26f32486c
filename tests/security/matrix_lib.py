"""Helpers of the access matrix: table rows, scopes and one observed status per request."""

from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from people.models import Employee

from .conftest import ROLES

# Kinds whose objects belong to nobody: one object, scope "any".
GLOBAL_KINDS = {"module", "lesson", "question", "competency", "award_type"}


@dataclass(frozen=True)
class Row:
    name: str
    kind: str | None
    method: str
    expect: dict[str, tuple[str, ...]] = field(hash=False)


def R(name: str, kind: str | None = None, method: str = "GET", **scopes: str) -> Row:
    """One route. Scopes: `all` (no object), `any` (a global object) or own/sub/out, each
    seven statuses in ROLES order. Tokens: an HTTP status, `L` (302 to the login page),
    `-` (not applicable: anonymous and admin own nothing)."""
    expect = {scope: tuple(value.split()) for scope, value in scopes.items()}
    for scope, tokens in expect.items():
        assert len(tokens) == len(ROLES), f"{name} {scope}: {len(tokens)} statuses"
    return Row(name, kind, method, expect)


def owner_for(scope: str, role: str, cast: dict) -> Employee | None:
    """own: the caller; sub: a peer of pegawai in Bidang A1a (under leader and hr);
    out: a staff member of Dinas B1 in agency B (under hr_b only)."""
    if scope != "own":
        return cast["staff_a1a" if scope == "sub" else "staff_b1"]
    user = cast.get(role)
    return Employee.objects.filter(user=user).first() if user is not None else None


def observe(client, row: Row, kwargs: dict) -> str:
    url = reverse(row.name, kwargs=kwargs or None)
    if row.method == "GET":
        response = client.get(url)
    else:
        response = client.generic(row.method, url, b"{}", content_type="application/json")
    if response.status_code == 302 and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    ):
        return "L"
    return str(response.status_code)


def run_row(row: Row, clients: dict, cast: dict, objects) -> dict[str, tuple[str, ...]]:
    """Observed statuses for every scope of the row, in the row's own shape."""
    observed = {}
    for scope in row.expect:
        tokens = []
        for role in ROLES:
            if scope in ("all", "any"):
                owner = None
            else:
                owner = owner_for(scope, role, cast)
                if owner is None:
                    tokens.append("-")
                    continue
            kwargs = objects.kwargs(row.kind, owner) if row.kind else {}
            tokens.append(observe(clients[role], row, kwargs))
        observed[scope] = tuple(tokens)
    return observed
