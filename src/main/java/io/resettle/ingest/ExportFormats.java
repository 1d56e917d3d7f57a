package io.resettle.ingest;

import io.resettle.support.csv.ExportHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The export formats an ingest knows: the shipped definitions ({@code src/main/resources/formats/})
 * and a data set's own {@code formats/*.yml}, all validated when loaded, before any row is read.
 * Recognises a file's format from its header row (io-contract §2).
 */
public final class ExportFormats {

    /** The shipped definitions, in the order they are tried on a tie. */
    static final List<String> SHIPPED = List.of("alibaba-bill", "alibaba-console", "focus");

    private final List<ExportFormat> formats;

    public ExportFormats(List<ExportFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** The shipped definitions only. */
    public static ExportFormats shipped() {
        return new ExportFormats(shippedFormats());
    }

    /**
     * The shipped definitions and those of {@code <dataDir>/formats/*.yml} (path order).
     *
     * @throws ExportFormatException for the first definition file that cannot be used, or a name used twice
     */
    public static ExportFormats of(Path dataDir) {
        List<ExportFormat> all = new ArrayList<>(shippedFormats());
        Path folder = dataDir.resolve("formats");
        if (Files.isDirectory(folder)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase().endsWith(".yml"))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : files) {
                String name = dataDir.relativize(file).toString().replace('\\', '/');
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ExportFormatException(name, List.of("(file): cannot be read as UTF-8 (" + e.getMessage() + ")"));
                }
                ExportFormat format = ExportFormatParser.parse(name, text);
                for (ExportFormat known : all) {
                    if (known.name().equals(format.name())) {
                        throw new ExportFormatException(name, List.of("name: '" + format.name() + "' is already defined by "
                                + known.source() + "; give the definition a name of its own"));
                    }
                }
                all.add(format);
            }
        }
        return new ExportFormats(all);
    }

    private static List<ExportFormat> shippedFormats() {
        List<ExportFormat> shipped = new ArrayList<>();
        for (String name : SHIPPED) {
            String resource = "formats/" + name + ".yml";
            try (InputStream in = ExportFormats.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped format definition " + resource + " is missing from the build");
                }
                shipped.add(ExportFormatParser.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    public List<ExportFormat> all() {
        return formats;
    }

    public Optional<ExportFormat> byName(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** What a header row is. */
    public sealed interface Recognition {
    }

    /** A format whose required columns the header has. */
    public record Matched(ExportFormat format) implements Recognition {
    }

    /** Another dataset of a format's family (not billing lines): listed IGNORED. */
    public record Ignored(ExportFormat format, String dataset) implements Recognition {
    }

    /**
     * No format's required columns are all there. {@code closest} is the format missing the fewest
     * (ties: the most signature columns); {@code recognised} says whether the header shares any of
     * its signature columns (MISSING_COLUMN) or none (UNKNOWN_FORMAT).
     */
    public record Unmatched(ExportFormat closest, List<String> missing, boolean recognised) implements Recognition {

        public String message() {
            return recognised
                    ? closest.name() + " export missing column(s): " + String.join(", ", missing)
                    : "the header matches no export format; the closest is " + closest.name() + " (" + closest.source()
                            + "), which needs " + String.join(", ", missing);
        }
    }

    public Recognition recognise(ExportHeader header) {
        for (ExportFormat format : formats) {
            for (ExportFormat.OtherDataset other : format.notBillingLines()) {
                if (other.matches(header)) {
                    return new Ignored(format, other.name());
                }
            }
        }
        ExportFormat best = null;
        for (ExportFormat format : formats) {
            if (format.missingColumns(header).isEmpty() && format.signatureHits(header) > 0
                    && (best == null || format.signatureHits(header) > best.signatureHits(header))) {
                best = format;
            }
        }
        if (best != null) {
            return new Matched(best);
        }
        ExportFormat closest = formats.stream()
                .min(Comparator.<ExportFormat>comparingInt(f -> f.missingColumns(header).size())
                        .thenComparing(f -> -f.signatureHits(header)))
                .orElseThrow();
        return new Unmatched(closest, closest.missingColumns(header), closest.signatureHits(header) > 0);
    }
}
