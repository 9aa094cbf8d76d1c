package io.headwater.tests.foreign;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How to set up a {@link ForeignPipeline}. Immutable; start from {@link #defaults()} and change with the
 * {@code with…} methods.
 *
 * @param prefix       names everything the pipeline creates on the shared PostgreSQL server: databases
 *                     {@code <prefix>_src} and {@code <prefix>_sink}, slot {@code <prefix>_slot}, publication
 *                     {@code <prefix>_pub}, connector {@code <prefix>-postgres}, sink group {@code <prefix>-sink};
 *                     random by default so that runs on one server never meet
 * @param topicPrefix  Debezium's {@code topic.prefix}: topics are {@code <topicPrefix>.public.customers} and
 *                     {@code <topicPrefix>.public.accounts}
 * @param customers    rows seeded into {@code customers} before the connector's snapshot
 * @param accounts     rows seeded into {@code accounts}
 * @param withSchemas  whether the JSON converters write the schema envelope ({@code schemas.enable})
 * @param flattening   whether the {@code ExtractNewRecordState} transform flattens the events, and how it
 *                     writes deletes
 * @param sinkTable    the table ({@code customers} or {@code accounts}) whose topic the user's sink applies
 *                     to its own database
 */
public record ForeignPipelineOptions(String prefix, String topicPrefix, int customers, int accounts,
                                     boolean withSchemas, Flattening flattening, String sinkTable) {

    /** The topic formats the connector can be set to write besides Debezium's change-event envelope. */
    public enum Flattening {
        /** Debezium's envelope: {@code before}, {@code after}, {@code op}, {@code source}; a delete is followed by a tombstone. */
        NONE,
        /** {@code ExtractNewRecordState}: the row itself; a delete is a tombstone only. */
        DELETE_AS_TOMBSTONE,
        /** {@code ExtractNewRecordState} with {@code delete.tombstone.handling.mode=rewrite}: a delete is the old row with {@code __deleted=true}. */
        DELETE_AS_DELETED_FIELD
    }

    public ForeignPipelineOptions {
        if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' must be lower-case letters, digits and _, starting with a letter");
        }
        if (!topicPrefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("topicPrefix '" + topicPrefix + "' is not a valid topic name part");
        }
        if (customers < 1 || accounts < 0) {
            throw new IllegalArgumentException("need at least one customer and no negative account count: " + customers + "/" + accounts);
        }
        if (!sinkTable.equals(BankSchema.CUSTOMERS.name()) && !sinkTable.equals(BankSchema.ACCOUNTS.name())) {
            throw new IllegalArgumentException("sinkTable must be customers or accounts, not " + sinkTable);
        }
    }

    /** The pipeline: 5,000 customers and 8,000 accounts, JSON without schemas, the sink on {@code customers}. */
    public static ForeignPipelineOptions defaults() {
        return new ForeignPipelineOptions(randomPrefix(), "bank", 5_000, 8_000, false, Flattening.NONE, BankSchema.CUSTOMERS.name());
    }

    /** {@code hwf_} and six random letters and digits. */
    public static String randomPrefix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder("hwf_");
        for (int i = 0; i < 6; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }

    public ForeignPipelineOptions withPrefix(String value) {
        return new ForeignPipelineOptions(value, topicPrefix, customers, accounts, withSchemas, flattening, sinkTable);
    }

    public ForeignPipelineOptions withTopicPrefix(String value) {
        return new ForeignPipelineOptions(prefix, value, customers, accounts, withSchemas, flattening, sinkTable);
    }

    public ForeignPipelineOptions withRows(int customerRows, int accountRows) {
        return new ForeignPipelineOptions(prefix, topicPrefix, customerRows, accountRows, withSchemas, flattening, sinkTable);
    }

    public ForeignPipelineOptions withSchemas(boolean value) {
        return new ForeignPipelineOptions(prefix, topicPrefix, customers, accounts, value, flattening, sinkTable);
    }

    public ForeignPipelineOptions withFlattening(Flattening value) {
        return new ForeignPipelineOptions(prefix, topicPrefix, customers, accounts, withSchemas, value, sinkTable);
    }

    public ForeignPipelineOptions withSinkTable(String value) {
        return new ForeignPipelineOptions(prefix, topicPrefix, customers, accounts, withSchemas, flattening, value);
    }

    String sourceDatabase() {
        return prefix + "_src";
    }

    String sinkDatabase() {
        return prefix + "_sink";
    }

    String slotName() {
        return prefix + "_slot";
    }

    String publicationName() {
        return prefix + "_pub";
    }

    String connectorName() {
        return prefix + "-postgres";
    }

    String sinkGroupId() {
        return prefix + "-sink";
    }

    String topic(String table) {
        return topicPrefix + ".public." + table;
    }
}
