"""Reads for the organisation pages: the unit tree with head counts, and unit breadcrumbs."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from people.models import OrgUnit
from people.selectors import units_visible_for


@dataclass
class TreeNode:
    unit: OrgUnit
    own: int  # active employees placed directly in this unit
    total: int = 0  # active employees in the whole subtree
    children: list["TreeNode"] = field(default_factory=list)


def unit_tree(*, user) -> list[TreeNode]:
    """The visible units as nested nodes, in one query (path order, counts by one GROUP BY).

    Subtree totals are summed here from the direct counts, deepest units first.
    """
    units = (
        units_visible_for(user=user)
        .annotate(active=Count("employees", filter=Q(employees__is_active=True)))
        .order_by("path")
    )
    nodes: dict[str, TreeNode] = {}
    roots: list[TreeNode] = []
    for unit in units:
        node = TreeNode(unit=unit, own=unit.active, total=unit.active)
        nodes[unit.path] = node
        parent = nodes.get(unit.path[: -OrgUnit.steplen])
        (parent.children if parent else roots).append(node)
    for path in sorted(nodes, key=len, reverse=True):
        parent = nodes.get(path[: -OrgUnit.steplen])
        if parent is not None:
            parent.total += nodes[path].total
    return roots


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The unit and its ancestors, agency first, in one query (prefixes of its path)."""
    steplen = OrgUnit.steplen
    paths = [unit.path[: steplen * depth] for depth in range(1, unit.depth + 1)]
    return list(OrgUnit.objects.filter(path__in=paths).order_by("depth"))
