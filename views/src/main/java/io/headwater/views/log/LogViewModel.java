package io.headwater.views.log;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.Failure;
import io.headwater.views.verify.ProgressMeter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Log view's state and commands: browse a topic by partition from an offset or a time, a page
 * of records at a time; search it ({@link #search()}); and follow one entity through time
 * ({@link #history()}). Engine calls run on {@code background}; every property changes on
 * {@code ui} only. Not thread-safe: call from the UI thread.
 */
public final class LogViewModel {
    /** Records per page. */
    public static final int PAGE_SIZE = 100;

    /** Where browsing starts. */
    public enum Position { OFFSET, TIME }

    private final Workbench workbench;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<DatasetRef> topics = FXCollections.observableArrayList();
    private final ObservableList<DatasetRef> topicsReadOnly = FXCollections.unmodifiableObservableList(topics);
    private final ObjectProperty<DatasetRef> topic = new SimpleObjectProperty<>();
    private final ObservableList<PartitionInfo> partitions = FXCollections.observableArrayList();
    private final ObservableList<PartitionInfo> partitionsReadOnly = FXCollections.unmodifiableObservableList(partitions);
    private final ObjectProperty<PartitionInfo> partition = new SimpleObjectProperty<>();
    private final ObjectProperty<Position> position = new SimpleObjectProperty<>(Position.OFFSET);
    private final StringProperty positionText = new SimpleStringProperty("");
    private final ObservableList<LogRow> records = FXCollections.observableArrayList();
    private final ObservableList<LogRow> recordsReadOnly = FXCollections.unmodifiableObservableList(records);
    private final ReadOnlyStringWrapper page = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private final LogSearchModel search;
    private final EntityHistoryModel history;

    public LogViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui) {
        this(workbench, state, background, ui, System::nanoTime);
    }

    /** With a given clock, for tests of the search's rate. */
    LogViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui, LongSupplier nanoClock) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.search = new LogSearchModel(workbench, background, ui, topic::get, failure::set,
                new ProgressMeter(nanoClock, ProgressMeter.DEFAULT_INTERVAL));
        this.history = new EntityHistoryModel(workbench, background, ui, failure::set);
        topic.addListener((obs, old, t) -> loadPartitions(t));
    }

    /** Loads the topics (and the datasets whose entities have a history), and selects the first topic. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(() -> {
            List<DatasetRef> t = workbench.topics();
            TreeSet<DatasetRef> withHistory = new TreeSet<>(t);
            withHistory.addAll(workbench.rebuildableDatasets());
            return List.of(t, List.copyOf(withHistory));
        }, background).handle((lists, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot list the topics", error));
                    return;
                }
                topics.setAll(lists.get(0));
                history.setDatasets(lists.get(1));
                if (topic.get() == null && !topics.isEmpty()) {
                    topic.set(topics.get(0));
                }
            });
            return null;
        });
    }

    private void loadPartitions(DatasetRef t) {
        partitions.clear();
        partition.set(null);
        records.clear();
        page.set("");
        if (t == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> workbench.offsets(t), background).handle((offsets, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot read the offsets of " + t, error));
                } else if (t.equals(topic.get())) {
                    partitions.setAll(infos(offsets));
                    if (!partitions.isEmpty()) {
                        partition.set(partitions.get(0));
                        browseFrom(partitions.get(0).first());
                    }
                }
            });
            return null;
        });
    }

    private static List<PartitionInfo> infos(Map<PartitionRef, long[]> offsets) {
        List<PartitionInfo> out = new ArrayList<>();
        offsets.forEach((p, o) -> out.add(new PartitionInfo(p.partition(), o[0], o[1])));
        out.sort(java.util.Comparator.comparingInt(PartitionInfo::partition));
        return out;
    }

    /** Shows the page that starts at the chosen offset or time. */
    public CompletableFuture<Void> browse() {
        String text = positionText.get() == null ? "" : positionText.get().trim();
        if (position.get() == Position.TIME) {
            try {
                return fetch(0, Instant.parse(text));
            } catch (DateTimeParseException e) {
                failure.set(Failure.of("Invalid time", new IllegalArgumentException("'" + text + "' is not a time: enter it like 2026-11-25T10:00:00Z", e)));
                return CompletableFuture.completedFuture(null);
            }
        }
        PartitionInfo p = partition.get();
        long first = p == null ? 0 : p.first();
        if (text.isEmpty()) {
            return browseFrom(first);
        }
        try {
            return browseFrom(Math.max(first, Long.parseLong(text)));
        } catch (NumberFormatException e) {
            failure.set(Failure.of("Invalid offset", new IllegalArgumentException("'" + text + "' is not an offset: enter a whole number", e)));
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The page after the one shown. */
    public CompletableFuture<Void> nextPage() {
        if (!hasNext.get() || records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return browseFrom(records.get(records.size() - 1).offset() + 1);
    }

    /** The page before the one shown. */
    public CompletableFuture<Void> previousPage() {
        PartitionInfo p = partition.get();
        if (!hasPrevious.get() || records.isEmpty() || p == null) {
            return CompletableFuture.completedFuture(null);
        }
        return browseFrom(Math.max(p.first(), records.get(0).offset() - PAGE_SIZE));
    }

    private CompletableFuture<Void> browseFrom(long offset) {
        return fetch(offset, null);
    }

    private CompletableFuture<Void> fetch(long offset, Instant from) {
        DatasetRef t = topic.get();
        PartitionInfo p = partition.get();
        if (t == null || p == null) {
            return CompletableFuture.completedFuture(null);
        }
        loading.set(true);
        return CompletableFuture.supplyAsync(() -> {
            List<LogRecord> page = workbench.browse(t, p.partition(), offset, from, PAGE_SIZE, new Cancellation());
            Map<PartitionRef, long[]> offsets = workbench.offsets(t);
            return new Page(page.stream().map(LogRow::of).toList(), infos(offsets));
        }, background).handle((result, error) -> {
            ui.execute(() -> {
                loading.set(false);
                if (error != null) {
                    failure.set(Failure.of("Cannot read " + t + " partition " + p.partition(), error));
                } else {
                    show(p.partition(), result);
                }
            });
            return null;
        });
    }

    private record Page(List<LogRow> rows, List<PartitionInfo> partitions) {
    }

    private void show(int partitionNumber, Page result) {
        PartitionInfo info = result.partitions().stream().filter(i -> i.partition() == partitionNumber).findFirst().orElse(partition.get());
        int index = partitions.indexOf(partition.get());
        if (index >= 0 && !info.equals(partition.get())) {
            partitions.set(index, info);
            partition.set(info);
        }
        records.setAll(result.rows());
        if (records.isEmpty()) {
            page.set(String.format("no records here; the partition holds offsets %,d–%,d", info.first(), Math.max(info.first(), info.next() - 1)));
            hasPrevious.set(false);
            hasNext.set(false);
            return;
        }
        long firstShown = records.get(0).offset();
        long lastShown = records.get(records.size() - 1).offset();
        page.set(String.format("offsets %,d–%,d of %,d–%,d", firstShown, lastShown, info.first(), Math.max(info.first(), info.next() - 1)));
        hasPrevious.set(firstShown > info.first());
        hasNext.set(lastShown + 1 < info.next());
    }

    public ObservableList<DatasetRef> topics() {
        return topicsReadOnly;
    }

    /** The topic browsed and searched; choosing one loads its partitions and first page. */
    public ObjectProperty<DatasetRef> topicProperty() {
        return topic;
    }

    public ObservableList<PartitionInfo> partitions() {
        return partitionsReadOnly;
    }

    public ObjectProperty<PartitionInfo> partitionProperty() {
        return partition;
    }

    public ObjectProperty<Position> positionProperty() {
        return position;
    }

    /** The offset or time to browse from, as text. */
    public StringProperty positionTextProperty() {
        return positionText;
    }

    /** The page of records shown. */
    public ObservableList<LogRow> records() {
        return recordsReadOnly;
    }

    /** Which offsets the page shows, of those the partition holds. */
    public ReadOnlyStringProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public LogSearchModel search() {
        return search;
    }

    public EntityHistoryModel history() {
        return history;
    }
}
