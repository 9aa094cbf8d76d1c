package io.headwater.views.rebuild;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Events replayed and rows verified per second over the rebuild's time, one point per sample. */
final class ThroughputChart extends LineChart<Number, Number> {
    private final XYChart.Series<Number, Number> events = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> rows = new XYChart.Series<>();

    ThroughputChart(ObservableList<ThroughputSample> samples) {
        super(axis("seconds since start"), axis("per second"));
        setId("rebuildChart");
        setTitle("Throughput");
        setAnimated(false);
        setCreateSymbols(false);
        setMinHeight(160);
        events.setName("events replayed / s");
        rows.setName("rows verified / s");
        getData().add(events);
        getData().add(rows);
        samples.addListener((ListChangeListener<ThroughputSample>) c -> redraw(samples));
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        a.setForceZeroInRange(true);
        return a;
    }

    private void redraw(ObservableList<ThroughputSample> samples) {
        events.getData().setAll(samples.stream().map(s -> new XYChart.Data<Number, Number>(s.seconds(), s.eventsPerSecond())).toList());
        rows.getData().setAll(samples.stream().map(s -> new XYChart.Data<Number, Number>(s.seconds(), s.rowsPerSecond())).toList());
    }
}
