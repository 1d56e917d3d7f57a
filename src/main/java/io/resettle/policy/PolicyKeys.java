package io.resettle.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys a policy file may use (io-contract §1), checked on the YAML node tree before the policy is
 * read (issue 15): a key given twice in one mapping (a second {@code standard:} table would silently
 * replace the first) and a key no section knows (a misspelt {@code max_reject_ration} would leave the
 * default in force) are refused, naming the key's path and line.
 *
 * <p>{@link #KNOWN} is the one place to extend when a section gains a key. A path is written with
 * {@code []} for "any item of this list" and {@code *} for "any name" (a table, a category); a
 * mapping whose path is not listed takes any names (category maps, rates, sections another parser
 * validates, such as {@code invoicing}), but still no key twice.
 */
public final class PolicyKeys {

    public static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("", Set.of("currency", "categories", "ingest", "discount_tables", "rebate_programs", "referral",
                    "tax",
                    // Sections whose own parsers check their keys (issue 18: the invoice workbook, the bank file's debtor).
                    "invoicing", "workbook", "bank_payouts")),
            Map.entry("ingest", Set.of("max_reject_ratio", "vendor_time_zone")),
            Map.entry("discount_tables.*[]", Set.of("from", "rates")),
            Map.entry("rebate_programs[]", Set.of("id", "scope", "direction", "mode", "fiscal_year_start", "eligible",
                    "weights", "tiers", "stages")),
            Map.entry("rebate_programs[].eligible", Set.of("billing_methods", "categories", "exclude_products")),
            Map.entry("rebate_programs[].tiers[]", Set.of("from", "rates")),
            Map.entry("rebate_programs[].stages[]", Set.of("share", "due_after_months", "condition")),
            Map.entry("referral", Set.of("window_days", "rate", "hold_days", "eligible_categories",
                    "promotional_products", "not_first_purchase", "hold_ratio", "bonus")),
            Map.entry("referral.bonus", Set.of("min_order", "tiers")),
            Map.entry("referral.bonus.tiers[]", Set.of("from", "per_order")),
            Map.entry("tax", Set.of("borne_by")));

    private PolicyKeys() {
    }

    /** Every duplicate and unknown key of the document, as "path: what" problems; empty when none. */
    public static List<String> problems(Node document) {
        List<String> problems = new ArrayList<>();
        if (document != null) {
            walk(document, "", "", problems);
        }
        return problems;
    }

    private static void walk(Node node, String path, String pattern, List<String> problems) {
        if (node instanceof MappingNode mapping) {
            Set<String> allowed = KNOWN.get(pattern);
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
                String keyPath = path.isEmpty() ? key : path + "." + key;
                int line = tuple.getKeyNode().getStartMark().getLine() + 1;
                Integer first = seen.putIfAbsent(key, line);
                if (first != null) {
                    problems.add(keyPath + ": duplicate key on line " + line + " (first on line " + first
                            + "); a key may be given once");
                }
                if (allowed != null && !allowed.contains(key)) {
                    problems.add(keyPath + ": unknown key on line " + line + suggestion(key, allowed));
                }
                String childPattern = allowed == null ? (pattern.isEmpty() ? "*" : pattern + ".*")
                        : (pattern.isEmpty() ? key : pattern + "." + key);
                walk(tuple.getValueNode(), keyPath, childPattern, problems);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "[" + i + "]", pattern + "[]", problems);
            }
        }
    }

    /** "; did you mean max_reject_ratio?" for a near miss, else the keys the section knows. */
    private static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 4)) {
            return "; did you mean " + best + "?";
        }
        return " (known keys: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
