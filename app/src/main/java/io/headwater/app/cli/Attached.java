package io.headwater.app.cli;

import io.headwater.app.runtime.ControlChannel;
import io.headwater.app.runtime.LivePipeline;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline a command runs against when another process forwarded it here (through the
 * {@link ControlChannel}): commands that need a running pipeline use it instead of starting one.
 */
public final class Attached {
    private static final ThreadLocal<LivePipeline> CURRENT = new ThreadLocal<>();

    private Attached() {
    }

    static Optional<LivePipeline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs a forwarded command line with {@code pipeline} at hand; returns its exit code. */
    public static int run(LivePipeline pipeline, ControlChannel.Request request) {
        CURRENT.set(pipeline);
        try {
            return HeadwaterCommand.run(request.args().toArray(String[]::new), request.out(), request.err());
        } finally {
            CURRENT.remove();
        }
    }

    /** The path options whose values are made absolute before forwarding. */
    static final List<String> PATH_OPTIONS = List.of("--config", "--data-dir", "--report");
}
