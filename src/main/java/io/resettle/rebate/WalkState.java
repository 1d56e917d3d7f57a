package io.resettle.rebate;

import io.resettle.billing.Category;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The running year-to-date totals of one (program, scope key) walk (R7.2–R7.4), all unrounded:
 * eligible amount, weighted volume and GRADUATED rebate per category. The tier basis W is the sum of
 * the weighted volumes.
 *
 * <p>A small value that a chunk-oriented step stores in its ExecutionContext after every chunk
 * ({@link #toMap(String)}) and reads back on restart ({@link #fromMap(String, Map)}), so that a
 * restarted walk continues exactly: numbers are kept as plain decimal strings, scale included.
 *
 * @param volume         year-to-date eligible payable amount per category
 * @param weightedVolume year-to-date weight × amount per category
 * @param rebate         year-to-date GRADUATED rebate per category (empty for RETROACTIVE walks)
 */
public record WalkState(
        Map<Category, BigDecimal> volume,
        Map<Category, BigDecimal> weightedVolume,
        Map<Category, BigDecimal> rebate) implements Serializable {

    private static final String VOLUME = "volume.";
    private static final String WEIGHTED = "weighted.";
    private static final String REBATE = "rebate.";

    public WalkState {
        volume = copy(volume);
        weightedVolume = copy(weightedVolume);
        rebate = copy(rebate);
    }

    /** The state at the start of a fiscal year: nothing walked yet. */
    public static WalkState empty() {
        return new WalkState(Map.of(), Map.of(), Map.of());
    }

    /** W of R7.2: the year-to-date weighted volume over all categories. */
    public BigDecimal totalWeightedVolume() {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal part : weightedVolume.values()) {
            total = total.add(part);
        }
        return total;
    }

    /** Categories that have seen at least one eligible line this fiscal year. */
    public Set<Category> categories() {
        return volume.keySet();
    }

    public BigDecimal volumeOf(Category category) {
        return volume.getOrDefault(category, BigDecimal.ZERO);
    }

    public BigDecimal weightedVolumeOf(Category category) {
        return weightedVolume.getOrDefault(category, BigDecimal.ZERO);
    }

    public BigDecimal rebateOf(Category category) {
        return rebate.getOrDefault(category, BigDecimal.ZERO);
    }

    /** This state with one more eligible line (and its GRADUATED rebate, zero for RETROACTIVE). */
    public WalkState plus(Category category, BigDecimal amount, BigDecimal weightedAmount, BigDecimal lineRebate) {
        Map<Category, BigDecimal> newVolume = mutable(volume);
        Map<Category, BigDecimal> newWeighted = mutable(weightedVolume);
        Map<Category, BigDecimal> newRebate = mutable(rebate);
        newVolume.merge(category, amount, BigDecimal::add);
        newWeighted.merge(category, weightedAmount, BigDecimal::add);
        if (lineRebate != null) {
            newRebate.merge(category, lineRebate, BigDecimal::add);
        }
        return new WalkState(newVolume, newWeighted, newRebate);
    }

    /**
     * The state as strings, keys {@code prefix + "volume." + CATEGORY} and so on, sorted; several
     * walks can share one ExecutionContext under different prefixes.
     */
    public Map<String, String> toMap(String prefix) {
        Map<String, String> out = new TreeMap<>();
        volume.forEach((category, value) -> out.put(prefix + VOLUME + category.name(), value.toPlainString()));
        weightedVolume.forEach((category, value) -> out.put(prefix + WEIGHTED + category.name(), value.toPlainString()));
        rebate.forEach((category, value) -> out.put(prefix + REBATE + category.name(), value.toPlainString()));
        return out;
    }

    public Map<String, String> toMap() {
        return toMap("");
    }

    /** Reads back what {@link #toMap(String)} wrote; keys without the prefix are ignored. */
    public static WalkState fromMap(String prefix, Map<String, String> values) {
        Map<Category, BigDecimal> volume = new EnumMap<>(Category.class);
        Map<Category, BigDecimal> weighted = new EnumMap<>(Category.class);
        Map<Category, BigDecimal> rebate = new EnumMap<>(Category.class);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String field = key.substring(prefix.length());
            if (field.startsWith(VOLUME)) {
                volume.put(Category.valueOf(field.substring(VOLUME.length())), new BigDecimal(entry.getValue()));
            } else if (field.startsWith(WEIGHTED)) {
                weighted.put(Category.valueOf(field.substring(WEIGHTED.length())), new BigDecimal(entry.getValue()));
            } else if (field.startsWith(REBATE)) {
                rebate.put(Category.valueOf(field.substring(REBATE.length())), new BigDecimal(entry.getValue()));
            }
        }
        return new WalkState(volume, weighted, rebate);
    }

    public static WalkState fromMap(Map<String, String> values) {
        return fromMap("", values);
    }

    private static Map<Category, BigDecimal> copy(Map<Category, BigDecimal> source) {
        return Collections.unmodifiableMap(mutable(source));
    }

    private static Map<Category, BigDecimal> mutable(Map<Category, BigDecimal> source) {
        Map<Category, BigDecimal> map = new EnumMap<>(Category.class);
        map.putAll(source);
        return map;
    }
}
