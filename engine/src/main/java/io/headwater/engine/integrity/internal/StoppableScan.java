package io.headwater.engine.integrity.internal;

import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.util.function.Predicate;

/**
 * Scans a {@link DatasetReader} until the visitor has seen enough. A reader's scan has no way to
 * stop, so the visitor's "enough" is thrown out of it as an exception and recognised here (even if
 * the reader wrapped it on the way). Used from one thread.
 */
public final class StoppableScan {
    private StoppableScan() {
    }

    /** Thrown through the reader to end its scan early. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("enough rows read", null, false, false);
        }
    }

    /** Passes rows in the reader's order to the visitor until it returns false or the rows end. */
    public static void scan(DatasetReader reader, Predicate<Row> visitor) {
        boolean[] stopped = {false};
        try {
            reader.scan(row -> {
                if (!stopped[0] && !visitor.test(row)) {
                    stopped[0] = true;
                    throw new Enough();
                }
            });
        } catch (RuntimeException e) {
            if (!stopped[0]) {
                throw e;
            }
            // Our own Enough, possibly wrapped by the reader: the scan ended as asked.
        }
    }
}
