package io.headwater.connectors.generations;

import io.headwater.engine.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generations of a store kept under one stable path, so that a rebuild can fill a shadow
 * beside the live store and swap it in atomically:
 * <pre>
 * &lt;path&gt;/CURRENT   names the live generation ("g2"); absent: generation 0 is live
 * &lt;path&gt;/SHADOW    names the shadow generation of an unfinished rebuild, if any
 * &lt;path&gt;/g1/, g2/  one directory per generation, holding a complete store
 * &lt;path&gt;/...       generation 0: a store never rebuilt keeps its files directly in the path
 * </pre>
 * Readers resolve {@code CURRENT} once, when they open, and stay on that generation. A promotion is
 * one atomic rename of {@code CURRENT} (see {@link PointerFile}); every other step before or after it
 * leaves state that {@link #cleanUp()} recognises and removes, so a crash at any moment leaves the
 * old or the new generation live and complete:
 * <ul>
 *   <li>{@code SHADOW} naming the live generation: the promotion's last steps were cut short;</li>
 *   <li>a {@code g<n>} that is neither live nor the shadow: retired (or a shadow whose creation or
 *       discard was cut short) and deleted;</li>
 *   <li>flat files beside a {@code CURRENT}: generation 0, retired by the first promotion.</li>
 * </ul>
 * A retired generation is deleted only once no sink or reader of this process holds a
 * {@link GenerationPin} on it; a reader in another process keeps its open files (POSIX semantics).
 * Thread-safe: every change and every pin is serialised on one process-wide lock.
 */
public final class StoreGenerations {
    private static final Logger LOG = LoggerFactory.getLogger(StoreGenerations.class);
    private static final String CURRENT = "CURRENT";
    private static final String SHADOW = "SHADOW";
    private static final Pattern NAME = Pattern.compile("g([1-9][0-9]{0,17})");
    private static final Set<String> POINTERS = Set.of(CURRENT, SHADOW, CURRENT + ".tmp", SHADOW + ".tmp");

    /** Open pins per generation directory in this process; also the lock for every change on disk. */
    private static final Map<Path, Integer> PINS = new HashMap<>();

    private final Path root;
    private final String store;
    private final PointerFile current;
    private final PointerFile shadow;

    private StoreGenerations(Path root, String store) {
        this.root = root;
        this.store = store;
        this.current = new PointerFile(root, CURRENT, store);
        this.shadow = new PointerFile(root, SHADOW, store);
    }

    /**
     * The generations under {@code root}.
     *
     * @param store what kind of store this is, for messages ("Lucene index", "blob store")
     */
    public static StoreGenerations at(Path root, String store) {
        return new StoreGenerations(root.toAbsolutePath().normalize(), store);
    }

    /** The stable path. */
    public Path root() {
        return root;
    }

    /** The live generation: the one {@code CURRENT} names, or generation 0 without it. */
    public Generation live() {
        Optional<Generation> named = current.read().map(n -> parse(n, current));
        named.filter(g -> !Files.isDirectory(g.dir())).ifPresent(g -> {
            throw new StoreException(store + " " + current.path() + " names " + g.name() + ", which does not exist");
        });
        return named.orElseGet(() -> new Generation(0, root));
    }

    /** The shadow generation of an unfinished rebuild, if there is one. */
    public Optional<Generation> shadow() {
        return shadow.read().map(n -> parse(n, shadow));
    }

    private Generation parse(String name, PointerFile from) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new StoreException(store + " " + from.path() + " holds '" + name + "', which names no generation");
        }
        return new Generation(Long.parseLong(m.group(1)), root.resolve(name));
    }

    /** Whether {@code g} is the live generation. */
    public boolean isLive(Generation g) {
        return live().equals(g);
    }

    /** Whether {@code g} is neither live nor the shadow: left to be deleted. */
    public boolean isRetired(Generation g) {
        return !isLive(g) && !shadow().filter(g::equals).isPresent();
    }

    /** Pins the live generation (resolved now) for a sink or reader that opens it. */
    public GenerationPin pinLive() {
        synchronized (PINS) {
            return pin(live());
        }
    }

    /** Pins {@code g}, which the caller already holds or knows to exist. */
    public GenerationPin pin(Generation g) {
        synchronized (PINS) {
            PINS.merge(g.dir(), 1, Integer::sum);
            return new GenerationPin(this, g);
        }
    }

    void release(Generation g) {
        synchronized (PINS) {
            if (PINS.merge(g.dir(), -1, Integer::sum) <= 0) {
                PINS.remove(g.dir());
                deleteIfUnused(g);
            }
        }
    }

    /**
     * Creates a new, empty shadow generation directory and records it in {@code SHADOW}: the directory
     * first, so {@code SHADOW} never names a missing one (a crash between leaves an orphan that
     * {@link #cleanUp()} deletes). Fails when a shadow exists.
     */
    public Generation createShadow() {
        synchronized (PINS) {
            shadow().ifPresent(s -> {
                throw new IllegalStateException(store + " " + root + " already has the shadow " + s.name());
            });
            long next = nextNumber();
            Generation g = new Generation(next, root.resolve("g" + next));
            try {
                Files.createDirectories(g.dir());
                FileTrees.forceDirectory(root);
            } catch (IOException e) {
                throw new StoreException(store + " " + g.dir() + ": cannot create the shadow generation: " + e.getMessage(), e);
            }
            shadow.write(g.name());
            return g;
        }
    }

    private long nextNumber() {
        return 1 + Math.max(live().number(), onDisk().stream().mapToLong(Generation::number).max().orElse(0));
    }

    /**
     * How {@link #promote} makes the shadow live here, in words for the last step of a rebuild: names
     * the pointer file, the live generation and the shadow (the one {@link #createShadow()} would make
     * when there is none yet). Reads the pointer files and lists the directory; a store whose files
     * cannot be read is described without generation names rather than failing.
     */
    public String swapStep() {
        synchronized (PINS) {
            try {
                Generation live = live();
                String shadowName = shadow().map(Generation::name).orElseGet(() -> "g" + nextNumber());
                String liveName = live.inPlace() ? "g0 (the files in place)" : live.name();
                return "one atomic rename of " + current.path() + " switches it from the live " + liveName + " to the shadow " + shadowName
                        + "; " + (live.inPlace() ? "g0" : live.name()) + " is deleted once no reader uses it";
            } catch (StoreException e) {
                LOG.warn("{}: the swap step names no generations because they cannot be read: {}", this, e.getMessage());
                return "one atomic rename of " + current.path() + " switches it from the live generation to the shadow ("
                        + e.getMessage() + ")";
            }
        }
    }

    /**
     * Makes the shadow {@code g} live: {@code CURRENT} is switched to it (the one atomic step), then
     * {@code SHADOW} is removed and the old generation is deleted if nothing in this process uses it.
     * The caller has committed everything in {@code g} before.
     */
    public void promote(Generation g) {
        synchronized (PINS) {
            if (!shadow().filter(g::equals).isPresent()) {
                throw new IllegalStateException(store + " " + root + ": " + g.name() + " is not the shadow, " + shadow()
                        .map(Generation::name).orElse("there is none"));
            }
            Generation old = live();
            current.write(g.name());
            shadow.delete();
            deleteIfUnused(old);
        }
    }

    /** Forgets the shadow, if any, and deletes it unless it is still in use. The live store is untouched. */
    public void discardShadow() {
        synchronized (PINS) {
            Optional<Generation> g = shadow();
            shadow.delete();
            g.ifPresent(this::deleteIfUnused);
        }
    }

    /**
     * Removes what an interrupted promotion, shadow creation or discard left behind (see the class
     * comment). Call it while holding the live store's write lock, so no other process is creating a
     * shadow at the same time.
     */
    public void cleanUp() {
        synchronized (PINS) {
            current.deleteLeftover();
            shadow.deleteLeftover();
            Generation live = live();
            Optional<Generation> s = shadow();
            if (s.filter(g -> g.equals(live) || !Files.isDirectory(g.dir())).isPresent()) {
                shadow.delete();
            }
            onDisk().forEach(this::deleteIfUnused);
            if (!live.inPlace()) {
                deleteIfUnused(new Generation(0, root));
            }
        }
    }

    private List<Generation> onDisk() {
        List<Generation> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new Generation(Long.parseLong(m.group(1)), p));
                }
            });
        } catch (IOException e) {
            throw new StoreException(store + " " + root + " cannot be listed: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Deletes a retired generation nobody in this process uses. A failure is logged, not thrown: the
     * generation stays retired and the next {@link #cleanUp()} tries again.
     */
    private void deleteIfUnused(Generation g) {
        if (PINS.containsKey(g.dir()) || !isRetired(g)) {
            return;
        }
        try {
            if (g.inPlace()) {
                deleteFlatFiles();
            } else {
                FileTrees.deleteTree(g.dir());
            }
            FileTrees.forceDirectory(root);
            LOG.debug("{} {}: deleted retired generation {}", store, root, g.name());
        } catch (IOException e) {
            LOG.warn("{} {}: retired generation {} could not be deleted now, the next open retries: {}", store, root, g.name(),
                    e.toString());
        }
    }

    /** Deletes generation 0: everything in the path but the pointer files and generation directories. */
    private void deleteFlatFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> flat;
        try (Stream<Path> entries = Files.list(root)) {
            flat = entries.filter(p -> !isGenerationEntry(p)).toList();
        }
        for (Path p : flat) {
            FileTrees.deleteTree(p);
        }
    }

    private static boolean isGenerationEntry(Path p) {
        String name = p.getFileName().toString();
        return POINTERS.contains(name) || NAME.matcher(name).matches() && Files.isDirectory(p);
    }

    @Override
    public String toString() {
        return store + " " + root;
    }
}
