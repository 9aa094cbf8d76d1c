package io.headwater.views.demo;

import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.DatasetRef;

/** What each fault does, told for the narration, and the label of its button. */
final class FaultStories {
    private FaultStories() {
    }

    static String button(Fault fault) {
        return switch (fault) {
            case CORRUPT -> "Corrupt records";
            case DELETE -> "Delete records";
            case ORPHAN -> "Add orphans";
            case TRUNCATE_BLOB -> "Truncate blobs";
            case DUPLICATE_DELIVERY -> "Duplicate delivery";
            case DROP_EVENT -> "Drop events";
        };
    }

    static String tooltip(Fault fault) {
        return switch (fault) {
            case CORRUPT -> "Change one field of existing records in the derived store, behind the pipeline's back";
            case DELETE -> "Remove existing records from the derived store";
            case ORPHAN -> "Add records whose keys the system of record does not hold";
            case TRUNCATE_BLOB -> "Cut the stored bytes of documents short (blob stores only)";
            case DUPLICATE_DELIVERY -> "Deliver already-applied events again, as after a consumer crash before its offset commit";
            case DROP_EVENT -> "Make the consumer skip the next events: its checkpoint moves past them, the store never sees them";
        };
    }

    static String happened(Fault fault, DatasetRef dataset, int count) {
        return switch (fault) {
            case CORRUPT -> "Changed a field of " + count + " record(s) of " + dataset + " behind the pipeline's back.";
            case DELETE -> "Deleted " + count + " record(s) from " + dataset + ".";
            case ORPHAN -> "Added " + count + " orphan record(s) to " + dataset + ": keys the system of record does not hold.";
            case TRUNCATE_BLOB -> "Truncated the stored bytes of " + count + " document(s) in " + dataset + ".";
            case DUPLICATE_DELIVERY -> "The consumer of " + dataset + " re-delivers " + count
                    + " already-applied event(s). An idempotent store stays right; a naive one counts them twice.";
            case DROP_EVENT -> "The consumer of " + dataset + " will skip its next " + count
                    + " event(s): its checkpoint moves past them but the store never sees them.";
        };
    }
}
