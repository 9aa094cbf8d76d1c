package io.headwater.app;

import io.headwater.app.cli.HeadwaterCommand;

/**
 * The entry point. A plain class (not a JavaFX {@code Application}) so that JavaFX on the class
 * path starts without the "runtime components are missing" check.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = HeadwaterCommand.run(args, System.out, System.err);
        System.exit(code);
    }
}
