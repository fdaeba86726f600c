from metrics.charts import bar_chart, line_chart


def test_a_line_chart_names_itself_and_marks_the_previous_period_apart():
    svg = line_chart(
        chart_id="chart-x",
        title="Følgere <script>",
        current=[1, 2, None, 4],
        previous=[1, 1, 1, 1],
        current_label="This period",
        previous_label="Previous period",
        first_label="01.03.",
        last_label="04.03.",
    )
    assert svg.startswith('<svg class="metric-chart" role="img" aria-labelledby="chart-x-title"')
    assert '<title id="chart-x-title">Følgere &lt;script&gt;</title>' in svg
    assert svg.count("<circle") == 3  # a day without data has no marker
    assert svg.count("<rect") == 4  # the previous period's square markers
    assert "metric-chart__series--previous" in svg and ">Previous period</text>" in svg


def test_a_bar_chart_has_no_bar_for_a_day_without_data_and_titles_its_bars():
    svg = bar_chart(chart_id="chart-e", title="Engagements", values=[1200, None, 3], first_label="a", last_label="b")
    assert svg.count("<rect") == 2
    assert "<title>1,200</title>" in svg
