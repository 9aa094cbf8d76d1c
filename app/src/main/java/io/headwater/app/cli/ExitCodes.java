package io.headwater.app.cli;

/** The process exit codes every command shares. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and found a problem (e.g. a store did not catch up). */
    public static final int FINDINGS = 1;
    /** Bad usage or a bad config: the message names the file, line and key. */
    public static final int USAGE = 2;
    /** A system is unreachable, or the data directory is held by another process. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
