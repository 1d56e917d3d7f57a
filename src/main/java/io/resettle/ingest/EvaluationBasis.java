package io.resettle.ingest;

import io.resettle.support.Hashing;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of what judging a row depends on besides the file (R2.7: a changed policy or
 * master data re-evaluates it): the policy in force for the period and each sub-account as
 * ingestion sees it. A file judged on another basis is evaluated again.
 */
public final class EvaluationBasis {

    private EvaluationBasis() {
    }

    /**
     * @param policy   the policy in force as {@code effective_from:sha256} (none or one)
     * @param accounts each sub-account by id, as ingestion sees it
     */
    public static String of(List<String> policy, Map<String, ?> accounts) {
        StringBuilder text = new StringBuilder(String.join(",", policy));
        new TreeMap<>(accounts).values().forEach(a -> text.append('\n').append(a));
        return Hashing.sha256(text.toString());
    }
}
