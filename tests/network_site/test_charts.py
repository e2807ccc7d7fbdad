"""network_site.charts: the geometry of the bar charts and their template."""

from django.template.loader import render_to_string
from django.utils import translation

from network_site.charts import SERIES_FILLS, bar_chart


def test_bars_scale_to_the_largest_value_or_the_maximum():
    chart = bar_chart([("A", [10]), ("B", [5]), ("C", [0])], width=160, value_space=60)
    widths = [group.bars[0].width for group in chart["groups"]]
    assert widths == [100.0, 50.0, 0.0]
    chart = bar_chart([("A", [10]), ("B", [150])], maximum=100, width=160, value_space=60)
    assert [group.bars[0].width for group in chart["groups"]] == [10.0, 100.0]  # capped at the maximum
    tiny = bar_chart([("A", [1000]), ("B", [1])], width=160, value_space=60)
    assert tiny["groups"][1].bars[0].width == 2.0  # a value above zero stays visible


def test_labels_above_each_group_or_beside_its_bars():
    above = bar_chart([("Uno", [1, 2]), ("Dos", [3, None])], ["Propia", "Sector"], font_size=12, bar_height=14)
    first, second = above["groups"]
    assert first.label_y == 12 and first.bars[0].y == 18  # the label, then the bars below it
    assert [bar.fill for bar in first.bars] == SERIES_FILLS[:2]
    assert [bar.label for bar in first.bars] == ["Propia", "Sector"]
    assert second.label_y > first.bars[-1].y and second.bars[1].width == 0
    assert above["legend"] == [("Propia", SERIES_FILLS[0]), ("Sector", SERIES_FILLS[1])]
    beside = bar_chart(
        [("Uno", [1]), ("Dos", [2])], ["Compromisos"], label_width=300, bar_height=20, bar_gap=5, group_gap=0
    )
    one, two = beside["groups"]
    assert (one.bars[0].y, two.bars[0].y) == (0, 25)
    assert one.label_y == one.bars[0].text_y and beside["label_x"] == 292
    assert two.bars[0].value_x > 300 + two.bars[0].width
    assert beside["legend"] == []  # one series: no legend


def test_template_draws_bars_values_and_the_data_table():
    chart = bar_chart([("Educación", [3]), ("Salud", [None])], ["Compromisos"], label_width=200)
    with translation.override("en"):
        html = render_to_string(
            "charts/bar_chart.html",
            {"chart": chart, "chart_id": "c1", "title": "Por área", "table_heading": "Área"},
        )
    assert '<figcaption id="c1-title" class="chart__title">Por área</figcaption>' in html
    assert html.count('<rect class="chart__bar"') == 2 and "n/a" in html
    assert '<th scope="col">Área</th><th scope="col">Compromisos</th>' in html
    assert '<th scope="row">Educación</th><td>3</td>' in html
    empty = render_to_string(
        "charts/bar_chart.html",
        {"chart": bar_chart([]), "chart_id": "c2", "title": "Vacío", "empty_text": "Sin datos."},
    )
    assert "<svg" not in empty and "<p>Sin datos.</p>" in empty and "<table" not in empty
