package io.headwater.app.cli;

import io.headwater.app.runtime.discover.ConnectDiscovery;
import java.nio.file.Path;
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
        throw new ParameterException(spec.commandLine(), "--debezium-server is not read yet");
    }
}
