package io.resettle.output.batch;

import io.resettle.output.Written;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A file written by its partition under a hidden name beside its own, and what the manifest needs
 * of it kept in the partition's context, until the publish step renames them all at once: a run
 * that fails before every file is written leaves none of them under its name.
 */
final class StagedFiles {

    private static final String KEY = "written.";

    private StagedFiles() {
    }

    static Path staged(Path folder, String name) {
        return folder.resolve("." + name + ".staged");
    }

    static void record(Written written, ExecutionContext context) {
        context.putString(KEY + "name", written.name());
        context.putString(KEY + "sha256", written.sha256());
        context.putLong(KEY + "rows", written.rows());
        context.putInt(KEY + "scale", written.totalsScale());
        context.putString(KEY + "totals", String.join(",", written.totals().keySet()));
        written.totals().forEach((column, total) -> context.putString(KEY + "total." + column, total.toPlainString()));
    }

    /** What a partition recorded, or null if it recorded nothing. */
    static Written recorded(ExecutionContext context) {
        if (!context.containsKey(KEY + "sha256")) {
            return null;
        }
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        String columns = context.getString(KEY + "totals");
        Arrays.stream(columns.isEmpty() ? new String[0] : columns.split(","))
                .forEach(column -> totals.put(column, new BigDecimal(context.getString(KEY + "total." + column))));
        return new Written(context.getString(KEY + "name"), context.getString(KEY + "sha256"),
                context.getLong(KEY + "rows"), totals, context.getInt(KEY + "scale"));
    }
}
