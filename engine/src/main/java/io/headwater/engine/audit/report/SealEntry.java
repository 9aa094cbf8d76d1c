package io.headwater.engine.audit.report;

/**
 * One link of a report's hash chain.
 *
 * @param section the section's name
 * @param length  its length in bytes
 * @param hash    the chain hash after it, lower-case hex SHA-256
 */
public record SealEntry(String section, long length, String hash) {
    /** The line listing it in the seal block. */
    public String line() {
        return "section " + section + " " + length + " " + hash;
    }
}
