"""Server-rendered horizontal bar charts (inline SVG), always shown with their data table."""

from dataclasses import dataclass, field

BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 14
LABEL_WIDTH = 0  # labels sit above each group, so bars use the full width
CHART_WIDTH = 600
VALUE_SPACE = 60
#: Fills that stay distinct in greyscale (dark, middle, light) plus a pattern-free outline.
SERIES_STYLES = ["#0b5563", "#e07a1f", "#9aa5ad"]


@dataclass
class Bar:
    label: str
    value: object  # a number, or None (not enough data)
    y: int = 0
    width: float = 0
    fill: str = ""
    text_x: float = 0


@dataclass
class Group:
    label: str
    y: int
    bars: list = field(default_factory=list)


def grouped_bars(groups, series, maximum=100):
    """`groups`: [(label, [value per series])]; `series`: [series label]. Returns geometry."""
    usable = CHART_WIDTH - VALUE_SPACE
    y = 0
    out = []
    for label, values in groups:
        group = Group(label=label, y=y + 12)
        y += 18
        for index, value in enumerate(values):
            width = 0 if value is None else max(0.0, min(float(value), maximum)) / maximum * usable
            group.bars.append(
                Bar(
                    label=series[index],
                    value=value,
                    y=y,
                    width=round(width, 1),
                    fill=SERIES_STYLES[index % len(SERIES_STYLES)],
                    text_x=round(width + 4, 1),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
        out.append(group)
    legend = [(label, SERIES_STYLES[i % len(SERIES_STYLES)]) for i, label in enumerate(series)]
    return {"groups": out, "height": y, "width": CHART_WIDTH, "bar_height": BAR_HEIGHT, "legend": legend}
