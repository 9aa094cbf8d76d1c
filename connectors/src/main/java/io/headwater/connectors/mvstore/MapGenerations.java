package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import org.h2.mvstore.MVMap;

/**
 * Which map of an MVStore file holds a dataset: the live generation and, while a rebuild runs, the
 * shadow. Kept in the map {@value #NAME} of the same file: {@code <physical name>} to the live map's
 * name and {@code <physical name>#shadow} to the shadow map's name. A dataset absent from it is live
 * in the map named after its physical name (generation 0: the layout of files written before
 * rebuilds existed, which therefore open unchanged); generation {@code n > 0} is the map
 * {@code <physical name>#g<n>}. Each generation's checkpoint is kept under its map's name.
 *
 * <p>Changing the registry is one entry of a {@link MvStoreFile#writeAtomically} commit, so a
 * promotion (new live name, shadow entry gone, old map retired) is one MVStore version: after a
 * crash the file holds either the old or the new generation as live, never neither. Call it only
 * under the file's lock (inside {@code read} or {@code writeAtomically}). Not thread-safe by itself.
 */
final class MapGenerations {
    /** The registry map's name. */
    static final String NAME = "_generations";
    private static final String SHADOW = "#shadow";
    private static final String GENERATION = "#g";

    private final MvStoreFile file;
    private final String physicalName;

    MapGenerations(MvStoreFile file, String physicalName) {
        this.file = file;
        this.physicalName = physicalName;
    }

    /** The name of the live map. */
    String live() {
        return file.hasMap(NAME) ? registry().getOrDefault(physicalName, physicalName) : physicalName;
    }

    /** The name of the shadow map, or null when no rebuild is under way. */
    String shadow() {
        return file.hasMap(NAME) ? registry().get(physicalName + SHADOW) : null;
    }

    /** Registers a new, empty shadow map (a generation number no map of the file uses) and returns its name. */
    String createShadow() {
        String shadow = nextShadow();
        registry().put(physicalName + SHADOW, shadow);
        file.records(shadow);
        return shadow;
    }

    /** The name {@link #createShadow()} would give a new shadow now. */
    String nextShadow() {
        int n = number(live()) + 1;
        while (file.hasMap(name(n))) {
            n++; // a discarded shadow still pinned by a reader keeps its name
        }
        return name(n);
    }

    /** Makes the shadow {@code map} the live one and forgets the shadow entry. */
    void promote(String map) {
        registry().put(physicalName, map);
        registry().remove(physicalName + SHADOW);
    }

    /** Forgets the shadow entry. */
    void forgetShadow() {
        registry().remove(physicalName + SHADOW);
    }

    private MVMap<String, String> registry() {
        return file.textMap(NAME);
    }

    private String name(int n) {
        return n == 0 ? physicalName : physicalName + GENERATION + n;
    }

    private int number(String map) {
        if (map.equals(physicalName)) {
            return 0;
        }
        String prefix = physicalName + GENERATION;
        try {
            if (map.startsWith(prefix)) {
                return Integer.parseInt(map.substring(prefix.length()));
            }
        } catch (NumberFormatException e) {
            throw new StoreException("MVStore " + file.path() + ": map " + map + " registered for " + physicalName + " has no generation number", e);
        }
        throw new StoreException("MVStore " + file.path() + ": map " + map + " registered for " + physicalName + " is not one of its generations");
    }
}
