package io.resettle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file of io-contract §1 and its validation. */
class PolicyParserTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    /** The example policy, taken from the spec itself so that the two cannot drift apart. */
    static String specPolicy() throws Exception {
        Path contract = Path.of(System.getProperty("resettle.shared.dir", "../shared"), "spec", "io-contract.md");
        Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(contract));
        assertThat(yaml.find()).as("the io-contract has a yaml block").isTrue();
        return yaml.group(1);
    }

    @Test
    void readsTheContractsExamplePolicy() throws Exception {
        Policy policy = PolicyParser.parse("policies/2026-01.yml", JANUARY, specPolicy());
        assertThat(policy.currency()).isEqualTo("CNY");
        assertThat(policy.categoryOf("WAF")).contains(Category.SECURITY);
        assertThat(policy.maxRejectRatio()).isEqualByComparingTo("0.01");
        TierTable standard = policy.discountTables().get("standard");
        assertThat(standard.tierAt(new BigDecimal("199999.99")).orElseThrow().from()).isEqualByComparingTo("50000");
        assertThat(standard.tierAt(new BigDecimal("200000")).orElseThrow().rateFor(Category.SECURITY)).isEqualByComparingTo("0.13");
        assertThat(policy.rebatePrograms()).extracting(RebateProgram::id).containsExactly("channel", "customer-share");
        RebateProgram share = policy.rebatePrograms().get(1);
        assertThat(share.mode()).isEqualTo(RebateProgram.Mode.RETROACTIVE);
        assertThat(share.stages()).extracting(RebateProgram.Stage::dueAfterMonths).containsExactly(1, 12);
        assertThat(policy.referral()).isPresent();
        assertThat(policy.referral().get().bonusTiers()).hasSize(2);
        assertThat(policy.taxBorneBy()).isEqualTo(Policy.TaxBorneBy.PAYEE);
    }

    @Test
    void missingOptionalSectionsTakeTheirDefaults() {
        Policy policy = PolicyParser.parse("p.yml", JANUARY, """
                currency: CNY
                discount_tables:
                  standard:
                    - {from: 0, rates: {default: 0.01}}
                rebate_programs:
                  - {id: p, scope: GROUP, direction: PAYABLE, mode: GRADUATED, tiers: [{from: 0, rates: {default: 0.01}}]}
                """);
        assertThat(policy.maxRejectRatio()).isEqualByComparingTo("0.01");
        assertThat(policy.referral()).isEmpty();
        assertThat(policy.taxBorneBy()).isEqualTo(Policy.TaxBorneBy.PAYEE);
        RebateProgram program = policy.rebatePrograms().get(0);
        assertThat(program.stages()).containsExactly(new RebateProgram.Stage(BigDecimal.ONE, 1, RebateProgram.StageCondition.NONE));
        assertThat(program.weightOf(Category.COMPUTE)).isEqualByComparingTo("1");
        assertThat(program.eligibility().admits(io.resettle.billing.BillingMethod.POSTPAID, Category.OTHER, "x")).isTrue();
    }

    @Test
    void refusesBadPoliciesNamingEveryProblem() {
        assertThatThrownBy(() -> PolicyParser.parse("policies/2026-03.yml", JANUARY, """
                categories:
                  COMPUTER: [ecs]
                ingest: {max_reject_ratio: 1.5}
                discount_tables:
                  standard:
                    - {from: 50000, rates: {default: 0.05}}
                    - {from: 0, rates: {default: -0.01, SECURITY: 1.2}}
                rebate_programs:
                  - id: p
                    scope: GALAXY
                    direction: PAYABLE
                    mode: GRADUATED
                    tiers: [{from: 0, rates: {default: 0.01}}]
                    stages:
                      - {share: 0.3, due_after_months: 1, condition: NONE}
                      - {share: 0.6, due_after_months: 2, condition: SOMETIMES}
                tax: {borne_by: NOBODY}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policies/2026-03.yml")
                .hasMessageContaining("currency is required")
                .hasMessageContaining("categories.COMPUTER: unknown value 'COMPUTER'")
                .hasMessageContaining("ingest.max_reject_ratio 1.5 is outside [0, 1]")
                .hasMessageContaining("discount_tables.standard[1].from 0 is not above the previous tier's 50000 (tiers must ascend)")
                .hasMessageContaining("discount_tables.standard[1].rates.default -0.01 is outside [0, 1]")
                .hasMessageContaining("discount_tables.standard[1].rates.SECURITY 1.2 is outside [0, 1]")
                .hasMessageContaining("rebate_programs[0].scope: unknown value 'GALAXY'")
                .hasMessageContaining("rebate_programs[0].stages[1].condition: unknown value 'SOMETIMES'")
                .hasMessageContaining("tax.borne_by: unknown value 'NOBODY'");
    }

    @Test
    void stageSharesMustAddUpToOne() {
        assertThatThrownBy(() -> PolicyParser.parse("p.yml", JANUARY, """
                currency: CNY
                discount_tables: {standard: [{from: 0, rates: {default: 0}}]}
                rebate_programs:
                  - id: p
                    scope: GROUP
                    direction: PAYABLE
                    mode: RETROACTIVE
                    tiers: [{from: 0, rates: {default: 0.01}}]
                    stages: [{share: 0.10, due_after_months: 1}, {share: 0.80, due_after_months: 12}]
                """)).hasMessageContaining("rebate_programs[0].stages: shares add up to 0.90, not 1");
    }

    @Test
    void discountTablesAreRequired() {
        assertThatThrownBy(() -> PolicyParser.parse("p.yml", JANUARY, "currency: CNY\n"))
                .hasMessageContaining("discount_tables is required");
    }

    @Test
    void theLatestPolicyNotAfterThePeriodIsInForce(@TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve("policies"));
        Files.writeString(data.resolve("policies/2026-01.yml"), "currency: CNY\n");
        Files.writeString(data.resolve("policies/2026-10.yml"), "currency: CNY\n");
        assertThat(PolicyFiles.inForce(data, YearMonth.of(2026, 9))).contains(data.resolve("policies/2026-01.yml"));
        assertThat(PolicyFiles.inForce(data, YearMonth.of(2026, 10))).contains(data.resolve("policies/2026-10.yml"));
        assertThat(PolicyFiles.inForce(data, YearMonth.of(2025, 12))).isEmpty();
    }

    // Issue 15 item 3: a second `standard:` table silently replaced the first (50 % on every line).
    @Test
    void aDuplicateKeyIsRefusedNamingItsPathAndLine_issue15() {
        assertThatThrownBy(() -> PolicyParser.parse("policies/2026-01.yml", JANUARY, """
                currency: CNY
                discount_tables:
                  standard:
                    - {from: 0, rates: {default: 0.00}}
                  standard:
                    - {from: 0, rates: {default: 0.50}}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policies/2026-01.yml")
                .hasMessageContaining("discount_tables.standard: duplicate key on line 5 (first on line 3)");
    }

    @Test
    void aDuplicateKeyInsideAListItemIsRefused_issue15() {
        assertThatThrownBy(() -> PolicyParser.parse("policies/2026-01.yml", JANUARY, """
                currency: CNY
                discount_tables:
                  standard:
                    - {from: 0, rates: {default: 0.00, default: 0.50}}
                """))
                .hasMessageContaining("discount_tables.standard[0].rates.default: duplicate key on line 4");
    }

    // A misspelt max_reject_ratio was ignored and the default 0.01 applied.
    @Test
    void aMisspeltKeyIsRefusedWithTheKeyItMeant_issue15() {
        assertThatThrownBy(() -> PolicyParser.parse("policies/2026-01.yml", JANUARY, """
                currency: CNY
                ingest:
                  max_reject_ration: 0.2
                discount_tables:
                  standard: [{from: 0, rates: {default: 0}}]
                rebate_programs:
                  - {id: p, scope: AGENT, direction: RECEIVABLE, mode: GRADUATED, teirs: []}
                referral: {rate: 0.25, bonus: {min_ordre: 500}}
                taxes: {borne_by: PAYER}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("ingest.max_reject_ration: unknown key on line 3; did you mean max_reject_ratio?")
                .hasMessageContaining("rebate_programs[0].teirs: unknown key on line 7; did you mean tiers?")
                .hasMessageContaining("referral.bonus.min_ordre: unknown key on line 8; did you mean min_order?")
                .hasMessageContaining("taxes: unknown key on line 9; did you mean tax?");
    }

    @Test
    void everyKeyOfTheContractsExampleIsKnown_issue15() throws Exception {
        String withSections = specPolicy() + "workbook: {headers: ZH}\n";
        assertThat(PolicyParser.parse("policies/2026-01.yml", JANUARY, withSections).currency()).isEqualTo("CNY");
    }
}
