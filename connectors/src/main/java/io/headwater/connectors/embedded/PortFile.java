package io.headwater.connectors.embedded;

import io.headwater.engine.StoreException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The {@code ports.properties} file of an embedded system's directory: the ports chosen on the
 * first start, so that every later start listens where clients (and stored offsets) expect it.
 * Not thread-safe; one server owns its directory.
 */
public final class PortFile {
    public static final String FILE_NAME = "ports.properties";

    private final Path file;
    private final Properties properties = new Properties();

    public PortFile(Path systemDir) {
        this.file = systemDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                properties.load(r);
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The port stored under {@code key}, or a newly chosen free one (call {@link #save()} after). */
    public int portOrChoose(String key) {
        String value = properties.getProperty(key);
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new StoreException(file + ": " + key + " '" + value + "' is not a port number", e);
            }
        }
        int port = freePort();
        properties.setProperty(key, Integer.toString(port));
        return port;
    }

    public void put(String key, int port) {
        properties.setProperty(key, Integer.toString(port));
    }

    public void save() {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
                properties.store(w, "ports chosen by Headwater on first start; delete to choose again");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StoreException("cannot find a free local port: " + e.getMessage(), e);
        }
    }

    /** Whether something accepts or holds the port on the loopback address. */
    public static boolean inUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
