"""Small server-side SVG charts (no script, no style attribute, no external reference), so
they can be inlined in pages under a strict CSP and reused in PDFs. Text is escaped."""

import math
from collections.abc import Sequence
from decimal import Decimal

# escape/quoteattr build SVG output; nothing here parses XML.
from xml.sax.saxutils import escape, quoteattr  # nosec B406

REQUIRED_COLOUR = "#1565c0"
CURRENT_COLOUR = "#2e7d32"
BELOW_COLOUR = "#c62828"
GRID_COLOUR = "#b0bec5"


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_svg(
    *,
    labels: Sequence[str],
    required: Sequence[int],
    current: Sequence[int | None],
    title: str,
    legend_required: str,
    legend_current: str,
    max_level: int = 5,
    size: int = 360,
) -> str:
    """Required vs current per competency on a 0..max_level radar. Not assessed axes are
    drawn at the centre with a hollow marker (never as a level)."""
    count = len(labels)
    if count < 3:
        return ""
    cx = cy = size / 2
    radius = size / 2 - 48
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 30}" '
        f'role="img" aria-labelledby="radar-title" class="chart radar">',
        f'<title id="radar-title">{escape(title)}</title>',
    ]
    for ring in range(1, max_level + 1):
        ring_points = [_point(cx, cy, radius * ring / max_level, i, count) for i in range(count)]
        parts.append(
            f'<polygon points="{_polygon(ring_points)}" fill="none" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    for i, label in enumerate(labels):
        x, y = _point(cx, cy, radius, i, count)
        lx, ly = _point(cx, cy, radius + 22, i, count)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="11" '
            f'text-anchor="{anchor}" fill="#37474f">{escape(label)}</text>'
        )
    req_points = [
        _point(cx, cy, radius * level / max_level, i, count) for i, level in enumerate(required)
    ]
    parts.append(
        f'<polygon points="{_polygon(req_points)}" fill="{REQUIRED_COLOUR}" '
        f'fill-opacity="0.12" stroke="{REQUIRED_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="5 3"/>'
    )
    cur_points = [
        _point(cx, cy, radius * (level or 0) / max_level, i, count)
        for i, level in enumerate(current)
    ]
    parts.append(
        f'<polygon points="{_polygon(cur_points)}" fill="{CURRENT_COLOUR}" '
        f'fill-opacity="0.25" stroke="{CURRENT_COLOUR}" stroke-width="2"/>'
    )
    for (x, y), level, need in zip(cur_points, current, required, strict=True):
        if level is None:
            continue
        colour = CURRENT_COLOUR if level >= need else BELOW_COLOUR
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
    legend_y = size + 14
    parts.append(
        f'<rect x="20" y="{legend_y - 9}" width="14" height="10" '
        f'fill="{REQUIRED_COLOUR}" fill-opacity="0.3" stroke="{REQUIRED_COLOUR}"/>'
    )
    parts.append(
        f'<text x="40" y="{legend_y}" font-size="12" fill="#37474f">'
        f"{escape(legend_required)}</text>"
    )
    parts.append(
        f'<rect x="{size / 2}" y="{legend_y - 9}" width="14" height="10" '
        f'fill="{CURRENT_COLOUR}" fill-opacity="0.5" stroke="{CURRENT_COLOUR}"/>'
    )
    parts.append(
        f'<text x="{size / 2 + 20}" y="{legend_y}" font-size="12" fill="#37474f">'
        f"{escape(legend_current)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def bar_svg(
    *,
    bars: Sequence[tuple[str, Decimal | float | None]],
    title: str,
    max_value: float = 100,
    unit: str = "%",
    width: int = 420,
) -> str:
    """Horizontal bars (label above its bar, so long names fit on a phone); None is an
    empty bar labelled '—'. Bars at or above 80 are green, below red."""
    if not bars:
        return ""
    row = 36
    height = row * len(bars) + 8
    bar_width = width - 70
    scale = bar_width / max_value
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="bar-title" class="chart bars">',
        f'<title id="bar-title">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * row
        shown = "—" if value is None else f"{float(value):.1f}{unit}"
        length = 0 if value is None else max(float(value), 0) * scale
        colour = CURRENT_COLOUR if value is not None and float(value) >= 80 else BELOW_COLOUR
        parts.append(
            f'<text x="0" y="{y + 12}" font-size="13" fill="#37474f">{escape(label[:60])}</text>'
        )
        parts.append(
            f'<rect x="0" y="{y + 17}" width="{bar_width:.1f}" height="13" fill="#eceff1"/>'
        )
        parts.append(
            f'<rect x="0" y="{y + 17}" width="{length:.1f}" height="13" fill={quoteattr(colour)}/>'
        )
        parts.append(
            f'<text x="{bar_width + 6:.1f}" y="{y + 28}" font-size="13" '
            f'fill="#37474f">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
