package io.headwater.engine.audit;

/** What a piece of evidence says. */
public enum EvidenceKind {
    /** A fact that raises no concern by itself (a count, a setting, a path). */
    FACT,
    /** Something a reviewer must look at; its {@link Evidence#code() code} decides the suggested status. */
    FINDING,
    /** The probe could not gather this evidence (a system was unreachable, a store unsupported). */
    UNAVAILABLE
}
