package io.headwater.tests.foreign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The foreign pipeline's Kafka broker: {@link KafkaBrokerMain} in its own JVM, its log directory in
 * {@code <workDir>/broker}, its output in {@code <workDir>/broker.log}. Not thread-safe.
 */
final class BrokerJvm implements AutoCloseable {
    private final ChildJvm jvm;
    private final Path dataDir;
    private final Path addressFile;
    private String address;

    private BrokerJvm(ChildJvm jvm, Path dataDir, Path addressFile) {
        this.jvm = jvm;
        this.dataDir = dataDir;
        this.addressFile = addressFile;
    }

    /** Launches the broker JVM; {@link #awaitAddress} waits for it to serve. */
    static BrokerJvm launch(Path workDir) {
        Path dataDir = workDir.resolve("broker");
        Path addressFile = workDir.resolve("broker-address");
        ChildJvm jvm = ChildJvm.launch("Kafka broker", KafkaBrokerMain.class.getName(),
                List.of(dataDir.toString(), addressFile.toString()), "512m",
                List.of("org.slf4j.simpleLogger.defaultLogLevel=info", "org.slf4j.simpleLogger.log.org.apache.kafka=warn",
                        "org.slf4j.simpleLogger.log.kafka=warn", "org.slf4j.simpleLogger.log.io.headwater=info"),
                workDir.resolve("broker.log"));
        return new BrokerJvm(jvm, dataDir, addressFile);
    }

    /** Waits until the broker has written its bootstrap address, and returns it. */
    String awaitAddress(Duration timeout) {
        Waits.until("the Kafka broker JVM to write " + addressFile, timeout, () -> {
            jvm.checkAlive();
            return Files.isRegularFile(addressFile);
        }, () -> "end of " + jvm.log() + ":\n" + jvm.tail(20));
        try {
            address = Files.readString(addressFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot read " + addressFile + ": " + e.getMessage(), e);
        }
        return address;
    }

    /** {@code 127.0.0.1:PORT}, once {@link #awaitAddress} has returned. */
    String address() {
        return address;
    }

    /** Stops the broker JVM and deletes its log directory (its output log stays). */
    @Override
    public void close() {
        jvm.close();
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot delete the broker's log directory " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
