package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.masterdata.IngestAccount;
import io.resettle.support.Hashing;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The basis a file was judged on is compared with the one on record from earlier ingests (R2.7):
 * hashed as it is built, it must stay the hash of the whole text, or every file would be judged again.
 */
class EvaluationBasisTest {

    @Test
    void isTheHashOfThePolicyThenEachAccountInTheOrderOfItsId() {
        Map<String, IngestAccount> accounts = new LinkedHashMap<>();
        for (String id : List.of("B-2", "代理商-1", "A-10", "😀-emoji", "A-9", "\uFFFD-replacement")) {
            accounts.put(id, new IngestAccount(id, "CNY", YearMonth.of(2026, 1), id.startsWith("A") ? null
                    : YearMonth.of(2026, 12), id.equals("B-2") ? "b@corp.example" : null));
        }
        List<String> policy = List.of("2026-01:ab12");
        // String order: "A-10" < "A-9" < "B-2" < "代理商-1" < "😀-emoji" (a surrogate pair) < "\uFFFD-…".
        String text = "2026-01:ab12" + "\n" + accounts.get("A-10") + "\n" + accounts.get("A-9") + "\n" + accounts.get("B-2")
                + "\n" + accounts.get("代理商-1") + "\n" + accounts.get("😀-emoji") + "\n" + accounts.get("\uFFFD-replacement");

        assertThat(EvaluationBasis.of(policy, accounts)).isEqualTo(Hashing.sha256(text)).hasSize(64);
        assertThat(EvaluationBasis.of(List.of(), Map.of())).isEqualTo(Hashing.sha256(""));
    }
}
