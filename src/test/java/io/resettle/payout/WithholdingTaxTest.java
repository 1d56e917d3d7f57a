package io.resettle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.masterdata.PayeeKind;
import io.resettle.policy.Policy.TaxBorneBy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WithholdingTaxTest {

    @Test
    void e7_taxWithholding_payeeBorne() {
        assertPayee("700.00", "0.00", "700.00");
        assertPayee("1000.00", "40.00", "960.00");
        assertPayee("3000.00", "440.00", "2560.00");
        assertPayee("10000.00", "1600.00", "8400.00");
        assertPayee("30000.00", "5200.00", "24800.00");
        assertPayee("80000.00", "18600.00", "61400.00");
    }

    @Test
    void e7_taxWithholding_payerBorne() {
        assertPayer("3360.00", "640.00", "4000.00");
        assertPayer("10000.00", "1904.76", "11904.76");
        assertPayer("30000.00", "6842.11", "36842.11");
        assertPayer("60000.00", "17941.18", "77941.18");
    }

    @Test
    void e7_taxWithholding_payerGrossTaxedPayeeStyleLeavesExactlyTheNet() {
        for (String net : new String[] {"3360.00", "10000.00", "30000.00", "60000.00"}) {
            BigDecimal n = new BigDecimal(net);
            BigDecimal gross = n.add(WithholdingTax.onNet(n));
            assertThat(gross.subtract(WithholdingTax.onGross(gross))).as("net %s", net).isEqualTo(n);
            assertThat(WithholdingTax.onGross(gross)).isEqualTo(WithholdingTax.onNet(n));
        }
    }

    @Test
    void companiesAndNonPositiveAmountsAreNotTaxed_R10_3() {
        PayoutAmounts company = WithholdingTax.payout(new BigDecimal("80000.00"), PayeeKind.COMPANY, TaxBorneBy.PAYEE);
        assertThat(company).isEqualTo(PayoutAmounts.untaxed(new BigDecimal("80000.00")));
        assertThat(WithholdingTax.onGross(new BigDecimal("-500.00"))).isEqualByComparingTo("0");
        assertThat(WithholdingTax.onNet(new BigDecimal("800.00"))).isEqualByComparingTo("0");
        assertThat(WithholdingTax.onGross(new BigDecimal("800.00"))).isEqualByComparingTo("0");
    }

    @Test
    void bandEdgesAreContinuous_R10_3() {
        // T = 20,000 and T = 50,000 give the same tax in both neighbouring bands.
        assertThat(WithholdingTax.onGross(new BigDecimal("25000.00"))).isEqualTo(new BigDecimal("4000.00"));
        assertThat(WithholdingTax.onGross(new BigDecimal("62500.00"))).isEqualTo(new BigDecimal("13000.00"));
        assertThat(WithholdingTax.onGross(new BigDecimal("4000.00"))).isEqualTo(new BigDecimal("640.00"));
        assertThat(WithholdingTax.onGross(new BigDecimal("4000.01"))).isEqualTo(new BigDecimal("640.00"));
    }

    @Test
    void property_payerGrossTaxedPayeeStyleLeavesTheNetWithinACent_R10_4() {
        Random random = new Random(20261104L);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal net = BigDecimal.valueOf(random.nextInt(15_000_000), 2); // 0.00 .. 149,999.99
            PayoutAmounts payout = WithholdingTax.payout(net, PayeeKind.INDIVIDUAL, TaxBorneBy.PAYER);
            assertThat(payout.balances()).isTrue();
            assertThat(payout.net()).isEqualTo(net);
            BigDecimal leftAfterPayeeStyleTax = payout.gross().subtract(WithholdingTax.onGross(payout.gross()));
            assertThat(leftAfterPayeeStyleTax.subtract(net).abs()).as("net %s", net)
                    .isLessThanOrEqualTo(new BigDecimal("0.01"));
        }
    }

    @Test
    void property_payeeNetIsGrossMinusTaxAndTaxIsInCents_R12_2() {
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal gross = BigDecimal.valueOf(random.nextInt(20_000_000) - 100_000, 2);
            PayoutAmounts payout = WithholdingTax.payout(gross, PayeeKind.INDIVIDUAL, TaxBorneBy.PAYEE);
            assertThat(payout.balances()).isTrue();
            assertThat(payout.gross()).isEqualTo(gross);
            assertThat(payout.tax().setScale(2, RoundingMode.UNNECESSARY)).isEqualTo(payout.tax());
            assertThat(payout.tax().signum()).isGreaterThanOrEqualTo(0);
            assertThat(payout.tax()).isLessThan(gross.max(new BigDecimal("0.01")));
        }
    }

    private static void assertPayee(String gross, String tax, String net) {
        PayoutAmounts payout = WithholdingTax.payout(new BigDecimal(gross), PayeeKind.INDIVIDUAL, TaxBorneBy.PAYEE);
        assertThat(payout).isEqualTo(new PayoutAmounts(new BigDecimal(gross), new BigDecimal(tax), new BigDecimal(net)));
        assertThat(WithholdingTax.onGross(new BigDecimal(gross))).isEqualTo(new BigDecimal(tax));
    }

    private static void assertPayer(String net, String tax, String gross) {
        PayoutAmounts payout = WithholdingTax.payout(new BigDecimal(net), PayeeKind.INDIVIDUAL, TaxBorneBy.PAYER);
        assertThat(payout).isEqualTo(new PayoutAmounts(new BigDecimal(gross), new BigDecimal(tax), new BigDecimal(net)));
        assertThat(payout.balances()).isTrue();
    }
}
