package io.resettle.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real command line in a process of its own (its own JVM, console and working folder). */
final class CliProcess {

    record Result(int exit, String output) {
    }

    private final Process process;
    private final Path output;

    private CliProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code resettle args} in {@code folder}, stdout and stderr together in one file; Spring properties as -D. */
    static CliProcess start(Path folder, Map<String, String> properties, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ResettleCommandLine.class.getName());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(folder, "console-", ".txt");
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new CliProcess(process, output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result run(Path folder, Map<String, String> properties, String... args) {
        return start(folder, properties, args).await();
    }

    Result await() {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("resettle did not end within 5 minutes: " + output());
            }
            return new Result(process.exitValue(), output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
