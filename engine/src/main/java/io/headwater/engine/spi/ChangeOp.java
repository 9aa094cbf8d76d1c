package io.headwater.engine.spi;

/** What happened to a record of a system of record. */
public enum ChangeOp {
    CREATE, UPDATE, DELETE,
    /** A row read by the initial snapshot of change capture; applied like a create. */
    SNAPSHOT;

    public boolean removes() {
        return this == DELETE;
    }
}
