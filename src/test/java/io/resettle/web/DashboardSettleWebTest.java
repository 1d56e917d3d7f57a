package io.resettle.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Settle, re-run, close and reopen from the pages for real (issue 5): the actions go through the
 * {@link io.resettle.run.JobRunner} on the {@code basic} data set, and the Period page shows what
 * the settle job wrote: revisions, volumes against tier edges, invoice totals, reconciliation,
 * differences between revisions, output files of every revision, close and reopen events.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-settle;DB_CLOSE_DELAY=-1",
        "resettle.data=src/test/resources/datasets/basic",
        "resettle.scheduler.enabled=false"})
@AutoConfigureMockMvc
class DashboardSettleWebTest {

    private static final String PERIOD = "2026-10";

    @DynamicPropertySource
    static void out(DynamicPropertyRegistry registry) throws IOException {
        Path out = Files.createTempDirectory("dashboard-settle-out");
        registry.add("resettle.out", out::toString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void settleRerunCloseAndReopenFromThePages() throws Exception {
        // nothing ingested yet: settle is refused with the job runner's message
        assertRefused(act("settle", Map.of()), "nothing has been ingested for 2026-10");

        assertOk(act("ingest", Map.of()));
        long settle = executionOf(assertOk(act("settle", Map.of())));
        mvc.perform(get("/executions/" + settle).with(as("VIEWER"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("COMPLETED")))
                .andExpect(content().string(containsString("priceLines")))
                .andExpect(content().string(containsString("100%")));

        String page = period();
        assertThat(page).doesNotContain("id=\"no-settlement\"")
                .contains("id=\"revisions\"").contains("data-revision=\"1\"")
                .contains("<svg").contains("id=\"volume-chart\"").contains("data-group=\"G1\"")
                .contains("class=\"tier-edge\" data-edge=\"50000\"").contains("data-edge=\"200000\"")
                .contains("id=\"invoices\"").contains("id=\"reconciliation-summary\"")
                .contains("id=\"outputs-r1\"").contains("r1/manifest")
                .contains("id=\"no-rebates\"").doesNotContain("id=\"adjustments\"")
                .doesNotContain("cdn").doesNotContain("<script src=\"http");

        // settling again is refused: a second revision is a re-run
        assertRefused(act("settle", Map.of()), "already settled (revision 1)");

        // a late correction of one billing line, then a re-run: revision 2 beside revision 1
        String line = jdbc.queryForObject("SELECT MIN(b.line_id) FROM billing_line b JOIN sub_account a"
                + " ON a.sub_account_id = b.sub_account_id WHERE b.period = ? AND a.group_id = 'G1'"
                + " AND b.payable_amount > 0", String.class, PERIOD);
        assertThat(jdbc.update("UPDATE billing_line SET payable_amount = payable_amount + 100, paid_amount = paid_amount + 100"
                + " WHERE period = ? AND line_id = ?", PERIOD, line)).isEqualTo(1);
        long rerun = executionOf(assertOk(act("rerun", Map.of())));
        assertThat(rerun).isNotEqualTo(settle);
        assertThat(jdbc.queryForList("SELECT revision FROM period_run WHERE period = ? ORDER BY revision", Integer.class, PERIOD))
                .containsExactly(1, 2);
        page = period();
        assertThat(page).contains("data-revision=\"2\"").contains("id=\"outputs-r1\"").contains("id=\"outputs-r2\"")
                .contains("r2/manifest").contains("id=\"adjustments-r2\"").containsPattern("r2 against r1: [1-9][0-9]* invoice\\(s\\) changed");

        // closed: a re-run is refused with a clear message, not a stack trace
        assertOk(act("close", Map.of()));
        page = period();
        assertThat(page).contains("id=\"closed-badge\"").contains("CLOSED").contains("finance");
        MvcResult refused = act("rerun", Map.of());
        assertRefused(refused, "2026-10 is closed; reopen it first");
        assertThat((String) refused.getFlashMap().get("outcomeMessage")).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM period_run WHERE period = ?", Long.class, PERIOD)).isEqualTo(2);

        // reopening needs a reason
        assertRefused(act("reopen", Map.of()), "reason");
        assertRefused(act("reopen", Map.of("reason", "   ")), "reason");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM period_event WHERE period = ?", Long.class, PERIOD)).isEqualTo(1);
        assertOk(act("reopen", Map.of("reason", "late credit note from the vendor")));
        page = period();
        assertThat(page).contains("REOPENED").contains("late credit note from the vendor").doesNotContain("id=\"closed-badge\"");
        assertOk(act("rerun", Map.of()));
        assertThat(jdbc.queryForObject("SELECT MAX(revision) FROM period_run WHERE period = ?", Integer.class, PERIOD))
                .isEqualTo(3);
        assertThat(period()).contains("id=\"outputs-r3\"").contains("id=\"adjustments-r3\"");

        // every action is in the audit log with its outcome
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE username = 'finance' AND outcome = 'REFUSED'",
                Long.class)).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE username = 'finance' AND outcome = 'OK'", String.class))
                .contains("ingest", "settle", "rerun", "close", "reopen");
    }

    @Test
    void rebateAccrualsAreDrawnPerMonthOfTheYear() throws Exception {
        String insert = "INSERT INTO rebate_accrual (period, revision, program, direction, scope_id, category, ytd_volume,"
                + " ytd_weighted_volume, tier_from, ytd_rebate, accrual) VALUES (?, ?, 'growth', 'PAYABLE', 'G9', 'COMPUTE',"
                + " 0, 0, NULL, 0, ?)";
        try {
            jdbc.update(insert, "2026-09", 1, new java.math.BigDecimal("1000.00"));
            jdbc.update(insert, "2026-10", 1, new java.math.BigDecimal("500.00"));
            jdbc.update(insert, "2026-10", 2, new java.math.BigDecimal("750.00"));
            jdbc.update(insert, "2025-10", 1, new java.math.BigDecimal("99999.00"));
            String page = period();
            assertThat(page).doesNotContain("id=\"no-rebates\"").contains("id=\"rebate-chart\"")
                    .contains("data-period=\"2026-01\"").contains("data-period=\"2026-12\"");
            // the newest revision of each month, the period's year only
            assertThat(page).contains("1750.00").contains("2026-10: 750.00").doesNotContain("99999");
        } finally {
            jdbc.update("DELETE FROM rebate_accrual WHERE program = 'growth' AND scope_id = 'G9'");
        }
    }

    private MvcResult act(String action, Map<String, String> params) throws Exception {
        var request = post("/actions/" + action).param("period", PERIOD).with(as("FINANCE")).with(csrf());
        params.forEach(request::param);
        return mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
    }

    private static MvcResult assertOk(MvcResult result) {
        assertThat(result.getFlashMap().get("outcome")).as("%s", result.getFlashMap().get("outcomeMessage")).isEqualTo("OK");
        return result;
    }

    private static void assertRefused(MvcResult result, String message) {
        assertThat(result.getFlashMap().get("outcome")).isEqualTo("REFUSED");
        assertThat((String) result.getFlashMap().get("outcomeMessage")).contains(message);
    }

    private static long executionOf(MvcResult result) {
        String url = result.getResponse().getRedirectedUrl();
        assertThat(url).startsWith("/executions/");
        return Long.parseLong(url.substring("/executions/".length()));
    }

    private String period() throws Exception {
        return mvc.perform(get("/periods/" + PERIOD).with(as("VIEWER"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Exception")))).andReturn().getResponse().getContentAsString();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String role) {
        return user(role.equals("FINANCE") ? "finance" : role.toLowerCase()).roles(role);
    }
}
