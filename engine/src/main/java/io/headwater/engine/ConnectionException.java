package io.headwater.engine;

/**
 * A system could not be reached or dropped its connection. Names the system and its address, so
 * that a user knows where to look ({@code system 'pg' at localhost:5432 is unreachable: ...}), or
 * was refused ({@link #refused}: wrong password, no such database).
 */
public class ConnectionException extends HeadwaterException {
    private static final long serialVersionUID = 1L;
    private final String systemId;
    private final String address;
    private final String problem;

    public ConnectionException(String systemId, String address, String problem, Throwable cause) {
        super("system '" + systemId + "' at " + address + " is unreachable: " + problem, cause);
        this.systemId = systemId;
        this.address = address;
        this.problem = problem;
    }

    /** What went wrong, without the system and address the message starts with. */
    public String problem() {
        return problem;
    }

    private ConnectionException(String message, Throwable cause, String systemId, String address) {
        super(message, cause);
        this.systemId = systemId;
        this.address = address;
        this.problem = message;
    }

    /**
     * A connection refused for a reason other than reachability, with the whole message given
     * ({@code system 'src': authentication failed for user 'app' at db1:5432}); the message must
     * name the address and must not contain a secret.
     */
    public static ConnectionException refused(String systemId, String address, String message, Throwable cause) {
        return new ConnectionException(message, cause, systemId, address);
    }

    public String systemId() {
        return systemId;
    }

    public String address() {
        return address;
    }
}
