package io.headwater.tests.foreign;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of the foreign pipeline's broker JVM: starts the project's single-node broker on a log
 * directory, then writes its bootstrap address to a file (atomically, so a reader never sees half of it)
 * and runs until the JVM is stopped; a shutdown hook stops the broker cleanly.
 *
 * <p>Arguments: {@code LOG_DIR ADDRESS_FILE}.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KafkaBrokerMain LOG_DIR ADDRESS_FILE");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "foreign-broker-shutdown"));
        Path addressFile = Path.of(args[1]);
        Path partial = addressFile.resolveSibling(addressFile.getFileName() + ".partial");
        Files.writeString(partial, broker.bootstrapServers(), StandardCharsets.UTF_8);
        Files.move(partial, addressFile, StandardCopyOption.ATOMIC_MOVE);
        new CountDownLatch(1).await(); // the broker's own threads serve; this one waits for the end of the JVM
    }
}
