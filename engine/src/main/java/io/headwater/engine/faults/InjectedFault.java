package io.headwater.engine.faults;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Row;

/** What one injection changed: the dataset, the record's key and a description ({@code email: 'a' -> 'b'}). */
public record InjectedFault(Fault fault, DatasetRef dataset, Row key, String change) {
    @Override
    public String toString() {
        return fault.configName() + " " + dataset + " " + key.asMap() + ": " + change;
    }
}
