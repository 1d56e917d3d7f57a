package io.resettle.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceLineKindTest {

    @Test
    void theContractOrderOfKindsIsAlsoTheirAlphabeticalOrder() {
        List<String> declared = Arrays.stream(InvoiceLineKind.values()).map(Enum::name).toList();

        assertThat(declared).containsExactly("CHARGE", "CLAWBACK", "PENALTY", "REBATE_CREDIT");
        assertThat(declared).isSorted();
    }
}
