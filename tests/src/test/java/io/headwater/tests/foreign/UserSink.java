package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The user's own sink service, written as a user writes one: a Kafka consumer in its own group that
 * subscribes to one change topic and keeps a table of a separate database up to date (upsert on
 * create, update and snapshot read; delete on delete), committing its offsets after each batch it has
 * committed to the database. It owns its group: it is not Headwater.
 *
 * <p>Runs in one named thread; {@link #close()} may be called from any thread. A failure stops it and
 * is kept for {@link #failure()}.
 */
final class UserSink implements AutoCloseable {
    private final BankSchema.TableShape table;
    private final String groupId;
    private final Connection db;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private UserSink(BankSchema.TableShape table, String groupId, Connection db, KafkaConsumer<String, String> consumer) {
        this.table = table;
        this.groupId = groupId;
        this.db = db;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "foreign-sink-" + groupId);
        this.thread.setDaemon(true);
    }

    /**
     * Creates {@code table} in the sink database (open as {@code db}, which the sink then owns) and starts
     * consuming {@code topic} from its beginning as group {@code groupId}.
     */
    static UserSink start(String bootstrapServers, String groupId, String topic, BankSchema.TableShape table, Connection db) {
        try {
            try (Statement s = db.createStatement()) {
                s.execute(table.createTable());
            }
            db.setAutoCommit(false);
        } catch (SQLException e) {
            throw new ForeignPipelineException("the user's sink cannot create table " + table.name() + ": " + e.getMessage(), e);
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        UserSink sink = new UserSink(table, groupId, db, consumer);
        sink.thread.start();
        return sink;
    }

    String groupId() {
        return groupId;
    }

    /** Changes applied and committed so far. */
    long applied() {
        return applied.get();
    }

    /** What stopped the sink, if anything did. */
    RuntimeException failure() {
        return failure.get();
    }

    private void run() {
        try (PreparedStatement upsert = db.prepareStatement(upsertSql());
             PreparedStatement delete = db.prepareStatement("DELETE FROM " + table.name() + " WHERE " + table.keyColumn()
                     + " = ?::" + keyType())) {
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<SinkChange> changes = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> r : records) {
                    SinkChange change = SinkChange.decode(table, r.key(), r.value());
                    if (change != null) {
                        changes.add(change);
                    }
                }
                apply(changes, upsert, delete);
                db.commit();
                consumer.commitSync();
                applied.addAndGet(changes.size());
            }
        } catch (WakeupException e) {
            if (running) {
                failure.set(new ForeignPipelineException("the user's sink " + groupId + " was woken up unexpectedly", e));
            }
        } catch (SQLException e) {
            failure.set(new ForeignPipelineException("the user's sink " + groupId + " cannot write table " + table.name()
                    + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            failure.set(new ForeignPipelineException("the user's sink " + groupId + " stopped: " + e.getMessage(), e));
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void apply(List<SinkChange> changes, PreparedStatement upsert, PreparedStatement delete) throws SQLException {
        for (SinkChange change : changes) {
            if (change.isDelete()) {
                delete.setString(1, change.key());
                delete.executeUpdate();
            } else {
                int i = 1;
                for (BankSchema.Column column : table.columns()) {
                    upsert.setString(i++, change.row().path(column.name()).asText(null));
                }
                upsert.executeUpdate();
            }
        }
    }

    private String upsertSql() {
        return "INSERT INTO " + table.name() + " (" + table.columnList() + ") VALUES ("
                + table.columns().stream().map(c -> "?::" + c.sqlType()).collect(Collectors.joining(", "))
                + ") ON CONFLICT (" + table.keyColumn() + ") DO UPDATE SET "
                + table.columns().stream().filter(c -> !c.name().equals(table.keyColumn()))
                        .map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
    }

    private String keyType() {
        return table.columns().stream().filter(c -> c.name().equals(table.keyColumn())).findFirst().orElseThrow().sqlType();
    }

    /** Stops consuming (leaving the group) and closes the sink database connection. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.close();
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot close the user's sink connection: " + e.getMessage(), e);
        }
    }
}
