package io.resettle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing (issue 14.4): unknown and misspelt options are refused with exit 2 and the nearest valid
 * option, before anything runs (the database below does not exist and is never opened); every
 * command has its own --help.
 */
class CommandLineTest {

    private static final String NO_DATABASE = "jdbc:postgresql://127.0.0.1:1/never-opened";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ResettleCommandLine.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMisspeltOptionIsRefusedNamingTheNearestOne() {
        assertThat(run("ingest", "--period", "2026-10", "--dta", "X", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("Unknown option").contains("'--dta'").contains("did you mean: --data?")
                .contains("resettle ingest --help");
        assertThat(err().lines().count()).isLessThanOrEqualTo(3);
    }

    @Test
    void anUnknownOptionIsRefusedRatherThanIgnored() {
        assertThat(run("settle", "--period", "2026-10", "--revision", "2", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("'--revision'").contains("did you mean: --rerun?");
    }

    @Test
    void aMisspeltCommandIsRefusedNamingTheNearestOne() {
        assertThat(run("setle", "--period", "2026-10")).isEqualTo(2);
        assertThat(err()).contains("'setle'").contains("did you mean: settle?");
    }

    @Test
    void typedOptionsRefuseWhatTheyCannotRead() {
        assertThat(run("settle", "--period", "2026-13", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("'2026-13' is not a month YYYY-MM");
        err.reset();
        assertThat(run("restart", "--execution", "seven", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("--execution").contains("seven");
        err.reset();
        assertThat(run("settle", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--period=YYYY-MM'");
    }

    @Test
    void anOptionOfAnotherCommandIsRefused() {
        assertThat(run("close", "--period", "2026-10", "--rerun", "--db", NO_DATABASE)).isEqualTo(2);
        assertThat(err()).contains("'--rerun'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "settle", "demo", "restart", "forecast", "close", "reopen", "serve", "generate",
        "bench"})
    void everyCommandHasItsOwnHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: resettle " + command).contains("--help");
    }

    @Test
    void noCommandShowsTheOverviewAndIsRefused() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage: resettle").contains("settle").contains("Exit codes");
        assertThat(run("--help")).isZero();
        assertThat(run("help", "settle")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: resettle settle");
    }
}
