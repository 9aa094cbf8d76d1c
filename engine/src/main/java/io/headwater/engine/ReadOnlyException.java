package io.headwater.engine;

/**
 * Headwater was asked to write into a system it only observes: an attached system that the user
 * did not declare {@code writable: true} (or allow with {@code --allow-write SYSTEM}). Nothing was
 * written. The message names the system and says how to allow the write.
 */
public class ReadOnlyException extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message) {
        super(message);
    }

    /** The standard refusal for {@code what} (e.g. "fault injection") on attached system {@code systemId}. */
    public static ReadOnlyException refusing(String what, String systemId) {
        return new ReadOnlyException(what + " would write into " + systemId + ", an attached system that headwater only reads; "
                + "add writable: true to system " + systemId + " in the config, or pass --allow-write " + systemId + ", to allow it");
    }
}
