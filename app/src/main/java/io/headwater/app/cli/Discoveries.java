package io.headwater.app.cli;

import io.headwater.app.runtime.discover.ConnectDiscovery;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.DebeziumServerProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Runs a discovery from the options {@code discover} and {@code verify --connect} share. */
final class Discoveries {
    private Discoveries() {
    }

    static ConnectDiscovery.Result run(CommandSpec spec, HeadwaterCommand parent, String connect, Path debeziumServer, String kafka,
                                       String name, Path dataDir) {
        if ((connect == null) == (debeziumServer == null)) {
            throw new ParameterException(spec.commandLine(), "give one of --connect URL or --debezium-server FILE");
        }
        ConnectDiscovery discovery = new ConnectDiscovery(DiscoverCommand.environment(parent));
        String dir = dataDir == null ? null : dataDir.toAbsolutePath().toString();
        if (connect != null) {
            return discovery.fromConnect(connect, kafka, name, dir);
        }
        return discovery.fromDebeziumServer(DebeziumServerProperties.read(properties(debeziumServer)), "Debezium Server " + debeziumServer,
                kafka, name, dir);
    }

    private static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new HeadwaterException("cannot read the Debezium Server properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
