from django import template
from django.utils.translation import gettext_lazy as _

from competencies import selectors

register = template.Library()

STATUS_LABELS = {
    selectors.MEETS: _("Meets"),
    selectors.BELOW: _("Below standard"),
    selectors.NOT_ASSESSED: _("Not assessed"),
}
STATUS_BADGES = {
    selectors.MEETS: "badge-ok",
    selectors.BELOW: "badge-bad",
    selectors.NOT_ASSESSED: "",
}
CATEGORY_LABELS = {
    selectors.OPTIMAL: _("Optimal"),
    selectors.CUKUP_OPTIMAL: _("Cukup Optimal"),
    selectors.KURANG_OPTIMAL: _("Kurang Optimal"),
}
CATEGORY_BADGES = {
    selectors.OPTIMAL: "badge-ok",
    selectors.CUKUP_OPTIMAL: "badge-warn",
    selectors.KURANG_OPTIMAL: "badge-bad",
}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def category_label(category: str | None) -> str:
    return CATEGORY_LABELS.get(category, "—") if category else "—"


@register.filter
def category_badge(category: str | None) -> str:
    return CATEGORY_BADGES.get(category, "") if category else ""


@register.filter
def signed(value) -> str:
    """A gap with its sign: +1, 0, -2 (— when not assessed)."""
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)
