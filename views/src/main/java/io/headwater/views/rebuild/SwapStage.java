package io.headwater.views.rebuild;

/** Where a rebuild's last step, the swap, stands: it is planned once the shadow is open, then done or refused. */
public enum SwapStage {
    /** No rebuild yet, or time travel (which never swaps). */
    NONE(""),
    /** Told by the store before the replay; it happens only if the shadow verifies clean. */
    PLANNED("planned: happens only if the shadow verifies clean"),
    DONE("done: the shadow is live"),
    REFUSED("refused: the shadow did not verify clean; the live store is kept"),
    /** The rebuild was cancelled or failed before the swap; the shadow stays for the next rebuild to resume. */
    NOT_REACHED("not reached: the rebuild stopped before it; the live store is unchanged");

    private final String text;

    SwapStage(String text) {
        this.text = text;
    }

    /** The stage in words, as the view shows it beside the step. */
    public String text() {
        return text;
    }
}
