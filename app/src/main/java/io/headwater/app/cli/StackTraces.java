package io.headwater.app.cli;

/** Renders a throwable with its causes for {@code --debug}. */
final class StackTraces {
    private StackTraces() {
    }

    static String render(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable c = t;
        String prefix = "";
        while (c != null) {
            sb.append(prefix).append(c).append('\n');
            for (StackTraceElement e : c.getStackTrace()) {
                sb.append("\tat ").append(e).append('\n');
            }
            c = c.getCause() == c ? null : c.getCause();
            prefix = "Caused by: ";
        }
        return sb.toString();
    }
}
