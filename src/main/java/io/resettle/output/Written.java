package io.resettle.output;

import io.resettle.support.Hashing;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file of a revision written: what manifest.json says of it (io-contract §3). Its totals have
 * {@code totalsScale} decimals, as the file has them (two; six for rebate slices).
 */
public record Written(String name, String sha256, long rows, Map<String, BigDecimal> totals, int totalsScale) {

    public Written(String name, String sha256, long rows, Map<String, BigDecimal> totals) {
        this(name, sha256, rows, totals, 2);
    }

    /** {@code file} as written under its name, hashed now. */
    public static Written of(String name, Path file, long rows, Map<String, BigDecimal> totals) {
        return new Written(name, Hashing.sha256(file), rows, totals);
    }
}
