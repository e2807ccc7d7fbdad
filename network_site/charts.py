"""Horizontal bar charts drawn on the server (inline SVG), each shown with its data table.

``bar_chart(groups, series)`` computes the geometry; ``charts/bar_chart.html`` draws it with
presentation attributes (colours, font sizes), so a chart needs no stylesheet (PDFs) and the
pages' CSS may still restyle it (``.chart__bar``, ``.chart__label``, ``.chart__value``).
"""

from dataclasses import dataclass, field

#: Fills that stay distinct in greyscale (dark, middle, light), one per series.
SERIES_FILLS = ["#0b5563", "#e07a1f", "#9aa5ad"]


@dataclass
class Bar:
    label: str  # the series'
    value: object  # a number, or None (not enough data)
    y: float = 0
    width: float = 0
    fill: str = ""
    value_x: float = 0
    text_y: float = 0


@dataclass
class Group:
    label: str
    label_y: float = 0
    bars: list = field(default_factory=list)


def bar_chart(
    groups,
    series=("",),
    *,
    maximum=None,
    width=600,
    label_width=0,
    bar_height=14,
    bar_gap=3,
    group_gap=14,
    value_space=60,
    font_size=12,
):
    """The geometry of a horizontal bar chart.

    ``groups``: ``[(label, [value per series])]``; ``series``: the series' labels (a legend is
    drawn when there are several). ``maximum`` is the value of a full bar (the largest value
    when None). With ``label_width`` 0 each group's label sits above its bars; otherwise
    beside them, right-aligned in that width. A value of None is drawn as "n/a".
    """
    series = [str(label) for label in series]
    values = [float(v) for _label, vs in groups for v in vs if v is not None]
    top = float(maximum or max(values, default=0) or 1)
    usable = width - label_width - value_space
    beside = bool(label_width)
    y = 0
    out = []
    for label, group_values in groups:
        group = Group(label=str(label))
        if not beside:
            group.label_y = y + font_size
            y += font_size + 6
        for index, value in enumerate(group_values):
            length = max(2.0, min(float(value), top) / top * usable) if value else 0.0
            bar = Bar(
                label=series[index] if index < len(series) else "",
                value=value,
                y=y,
                width=round(length, 1),
                fill=SERIES_FILLS[index % len(SERIES_FILLS)],
                value_x=round(label_width + length + 5, 1),
                text_y=round(y + bar_height * 0.72, 1),
            )
            group.bars.append(bar)
            y += bar_height + bar_gap
        if beside and group.bars:
            group.label_y = group.bars[0].text_y
        y += group_gap
        out.append(group)
    several = len(series) > 1
    return {
        "groups": out,
        "series": series,
        "legend": [(label, SERIES_FILLS[i % len(SERIES_FILLS)]) for i, label in enumerate(series)] if several else [],
        "width": width,
        "height": max(1, y),
        "bar_height": bar_height,
        "label_width": label_width,
        "label_x": max(0, label_width - 8),
        "font_size": font_size,
    }
