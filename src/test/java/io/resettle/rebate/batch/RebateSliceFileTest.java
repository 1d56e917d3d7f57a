package io.resettle.rebate.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.Category;
import io.resettle.rebate.RebateSlice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class RebateSliceFileTest {

    @Test
    void partsFollowProgramThenScopeByCodePointAsCollateCDoes() {
        List<String> keys = new ArrayList<>(List.of(RebateSliceFile.partKey("p", "b"), RebateSliceFile.partKey("p", "B"),
                RebateSliceFile.partKey("p-2", "a"), RebateSliceFile.partKey("p", "\uFFFD"),
                RebateSliceFile.partKey("p", "😀"), RebateSliceFile.partKey("P", "z")));

        keys.sort(RebateSliceFile.PART_ORDER);

        // Shorter program first ("p" before "p-2"), whatever the scope; U+FFFD before U+1F600 (not UTF-16 order).
        assertThat(keys).containsExactly("P\tz", "p\tB", "p\tb", "p\t\uFFFD", "p\t😀", "p-2\ta");
    }

    @Test
    void aLineIsSlicedBelowTheFirstTierFirstThenByAscendingTierWhicheverWayItWalked() {
        RebateSlice top = slice(new BigDecimal("2000000"));
        RebateSlice middle = slice(new BigDecimal("500000.00"));
        RebateSlice below = slice(null);
        List<RebateSlice> walkedDown = new ArrayList<>(List.of(top, middle, below));

        walkedDown.sort(RebateSliceFile.WITHIN_A_LINE);

        assertThat(walkedDown).containsExactly(below, middle, top);
    }

    @Test
    void aWalkSavedBeforeThePartsExistedIsRefused() {
        ExecutionContext saved = new ExecutionContext();
        saved.putLong(GraduatedWalkWriter.LINE_NO, 42);

        assertThatThrownBy(() -> RebateSliceFile.state(saved))
                .hasMessageContaining("older version of Resettle")
                .hasMessageContaining("finish the run with that version");
        assertThat(RebateSliceFile.state(new ExecutionContext())).isEmpty();
    }

    private static RebateSlice slice(BigDecimal tierFrom) {
        return new RebateSlice("p", "AGENT", "L1", Category.COMPUTE, Optional.ofNullable(tierFrom), BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
