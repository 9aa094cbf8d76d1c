package io.headwater.connectors.generations;

import java.nio.file.Path;

/**
 * One generation of a store kept under a stable path (see {@link StoreGenerations}): a directory
 * {@code g<n>} beside the others, or generation 0, the flat layout a store had before it was ever
 * rebuilt, whose files lie directly in the stable path.
 *
 * @param number the generation number, 0 for the flat layout
 * @param dir    the directory the store's files live in
 */
public record Generation(long number, Path dir) {

    /** The name a pointer file ({@code CURRENT}, {@code SHADOW}) holds for this generation. */
    public String name() {
        return "g" + number;
    }

    /** Whether this is generation 0, the files directly in the stable path. */
    public boolean inPlace() {
        return number == 0;
    }
}
