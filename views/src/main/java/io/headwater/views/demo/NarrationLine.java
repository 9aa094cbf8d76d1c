package io.headwater.views.demo;

import java.time.LocalTime;

/**
 * One line of the demo's narration.
 *
 * @param kind what the line tells, for its colour
 */
public record NarrationLine(LocalTime time, Kind kind, String text) {
    /** What a line tells. */
    public enum Kind {
        /** Something the user did. */
        ACTION,
        /** What happened, explained. */
        INFO,
        /** Something went wrong with the data (a finding, a corrupt store). */
        BAD,
        /** Something came out right (a clean verification, a held verdict). */
        GOOD
    }
}
