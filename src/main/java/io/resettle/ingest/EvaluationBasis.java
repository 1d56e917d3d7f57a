package io.resettle.ingest;

import io.resettle.support.Hashing;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
        // The hash of the policy, then "\n" and each account in the order of their ids, hashed as they
        // come: the text whole was 20 MB at 200,000 sub-accounts, and each copy of it more (issue 20).
        String[] ids = accounts.keySet().toArray(String[]::new);
        Arrays.sort(ids);
        Stream<String> text = Stream.concat(Stream.of(String.join(",", policy)),
                Arrays.stream(ids).map(id -> "\n" + accounts.get(id)));
        return Hashing.sha256(text::iterator);
    }
}
