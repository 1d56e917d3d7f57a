package io.resettle.support;

import io.resettle.cli.ResettleCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real command line in this JVM against a test database. */
public final class Cli {

    private final String databaseUrl;

    public Cli(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public int run(String... args) {
        return run(Map.of(), args);
    }

    /** With Spring properties, e.g. fault injection for restart tests. */
    public int run(Map<String, Object> properties, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(databaseUrl);
        return ResettleCommandLine.run(all.toArray(String[]::new), properties);
    }
}
