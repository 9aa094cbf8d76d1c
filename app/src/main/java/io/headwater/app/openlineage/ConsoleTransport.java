package io.headwater.app.openlineage;

import java.io.PrintWriter;

/** Prints events to the command line's output, one JSON event a line. Not thread-safe. */
public final class ConsoleTransport implements EventTransport {
    private final PrintWriter out;

    public ConsoleTransport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void send(String json) {
        out.println(json);
        out.flush();
    }

    @Override
    public String describe() {
        return "the console";
    }

    @Override
    public void close() {
        out.flush();
    }
}
