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
        assertRefused(act("settle", Map.of()), "Nothing has been ingested for 2026-10: ingest it first (Ingest on its period page).");

        assertOk(act("ingest", Map.of()));
        // only the buttons that can succeed (issue 14.7)
        assertThat(financePeriod()).contains("id=\"ingest-link\"").contains("id=\"settle-link\"").doesNotContain("id=\"rerun-link\"")
                .doesNotContain("id=\"close-link\"").doesNotContain("id=\"reopen-link\"");
        long settle = executionOf(assertOk(act("settle", Map.of())));
        assertThat(financePeriod()).doesNotContain("id=\"settle-link\"").contains("id=\"rerun-link\"").contains("id=\"close-link\"")
                .doesNotContain("id=\"reopen-link\"");
        aRunWhoseProcessDiedIsShownAsDead(settle);
        moneyHasTwoDecimalsAndNamesAreTranslated(settle);
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
        assertRefused(act("settle", Map.of()), "2026-10 is already settled (revision r1): to settle it again as a new"
                + " revision, use Re-run.");

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
        page = financePeriod();
        assertThat(page).contains("id=\"closed-badge\"").contains("CLOSED").contains("finance")
                .doesNotContain("id=\"rerun-link\"").doesNotContain("id=\"close-link\"").doesNotContain("id=\"settle-link\"")
                .doesNotContain("id=\"ingest-link\"").contains("id=\"reopen-link\"");
        MvcResult refused = act("rerun", Map.of());
        assertRefused(refused, "2026-10 is closed: reopen it first (Reopen on its period page, with a reason).");
        MvcResult refusedZh = mvc.perform(post("/actions/rerun").param("period", PERIOD).header("Accept-Language", "zh-CN")
                .with(as("FINANCE")).with(csrf())).andReturn();
        assertThat((String) refusedZh.getFlashMap().get("outcomeMessage")).startsWith("2026-10 已关账:请先重新打开");
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
                Long.class)).isEqualTo(6);
        // no message tells the user to type a command
        assertThat(jdbc.queryForList("SELECT result FROM audit_log WHERE username = 'finance'", String.class))
                .allSatisfy(r -> assertThat(r).doesNotContain("resettle ").doesNotContain("--"));
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

    /**
     * The settle made to look as if it failed in its last step and was restarted by a process that
     * was then killed: the restart ran only the last step (a restart skips completed ones), so its
     * progress counts the steps its first execution completed; it shows dead with its last update,
     * recover (not stop) for OPS; the failed run links to its restart and offers no second restart.
     */
    private void aRunWhoseProcessDiedIsShownAsDead(long settle) throws Exception {
        long steps = jdbc.queryForObject("SELECT COUNT(DISTINCT STEP_NAME) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                + " AND STEP_NAME NOT LIKE '%:%'", Long.class, settle);
        assertThat(steps).isGreaterThan(5);
        long restart = 900_000;
        var twoHoursAgo = java.time.LocalDateTime.now().minusHours(2);
        long lastStep = jdbc.queryForObject("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                + " AND STEP_NAME = 'writeSettlementFiles'", Long.class, settle);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED' WHERE JOB_EXECUTION_ID = ?", settle);
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED' WHERE STEP_EXECUTION_ID = ?", lastStep);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
                + " STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) SELECT ?, 1, JOB_INSTANCE_ID, ?, ?, 'STARTED', 'UNKNOWN', '', ?"
                + " FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", restart, twoHoursAgo, twoHoursAgo, twoHoursAgo, settle);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS SELECT ?, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING"
                + " FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?", restart, settle);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_CONTEXT SELECT ?, SHORT_CONTEXT, SERIALIZED_CONTEXT"
                + " FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?", restart, settle);
        jdbc.update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME,"
                + " START_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT,"
                + " PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) VALUES (?, 1,"
                + " 'writeSettlementFiles', ?, ?, ?, 'STARTED', 0, 0, 0, 0, 0, 0, 0, 0, 'EXECUTING', '', ?)",
                restart, restart, twoHoursAgo, twoHoursAgo, twoHoursAgo);
        jdbc.update("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT SELECT ?, SHORT_CONTEXT, SERIALIZED_CONTEXT"
                + " FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID = ?", restart, lastStep);
        try {
            String page = mvc.perform(get("/executions/" + restart).with(as("OPS"))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            long percent = (steps - 1) * 100 / steps;
            assertThat(page).contains(">" + percent + "%<").contains((steps - 1) + " of " + steps + " steps done")
                    .contains("id=\"dead-badge\"").contains("id=\"dead-notice\"").contains("(2 h 00 min ago)")
                    .contains("id=\"recover-link\"").doesNotContain("id=\"stop-link\"").doesNotContain("http-equiv=\"refresh\"")
                    .contains("id=\"restart-of\" href=\"/executions/" + settle + "\"");
            String failed = mvc.perform(get("/executions/" + settle).with(as("OPS"))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(failed).contains("id=\"restarted-as\" href=\"/executions/" + restart + "\"")
                    .doesNotContain("id=\"restart-link\"").doesNotContain("id=\"abandon-link\"");
            mvc.perform(get("/runs").with(as("VIEWER"))).andExpect(content().string(containsString("class=\"status DEAD\"")))
                    .andExpect(content().string(containsString("restarted as #" + restart)));
            // restarting the failed run again is refused, in terms of the pages
            MvcResult again = mvc.perform(post("/actions/restart").param("execution", String.valueOf(settle))
                    .with(user("oscar").roles("OPS")).with(csrf())).andReturn();
            assertRefused(again, "Execution " + settle + " was already restarted as execution " + restart);
        } finally {
            jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID = ?", restart);
            jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?", restart);
            jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?", restart);
            jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?", restart);
            jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", restart);
            jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED' WHERE JOB_EXECUTION_ID = ?",
                    settle);
            jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'COMPLETED' WHERE STEP_EXECUTION_ID = ?", lastStep);
        }
    }

    /** Money as the files show it, COMPLETED_WITH_BREAKS not green, statuses, check names and forecast headers in zh-CN. */
    private void moneyHasTwoDecimalsAndNamesAreTranslated(long settle) throws Exception {
        jdbc.update("INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual, difference, status)"
                + " VALUES (?, 1, 'credit_limit', 'G-TEST', 100000, 148434.0427, 48434.0427, 'BREAK')", PERIOD);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET EXIT_CODE = 'COMPLETED_WITH_BREAKS' WHERE JOB_EXECUTION_ID = ?", settle);
        try {
            String page = period();
            String reconciliation = page.substring(page.indexOf("id=\"reconciliation\""), page.indexOf("id=\"adjustments\"") > 0
                    ? page.indexOf("id=\"adjustments\"") : page.indexOf("id=\"rebates\""));
            assertThat(reconciliation).contains(">100000.00<").contains(">148434.04<").contains(">48434.04<")
                    .doesNotContain("48434.0427").doesNotContainPattern(">-?[0-9]+(\\.[0-9]|\\.[0-9]{3,})?<");
            String runs = mvc.perform(get("/runs").with(as("VIEWER"))).andReturn().getResponse().getContentAsString();
            String row = runs.substring(runs.indexOf("data-execution=\"" + settle + "\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).contains("class=\"status COMPLETED_WITH_BREAKS\"").doesNotContain("class=\"status COMPLETED\"");

            String zh = mvc.perform(get("/periods/" + PERIOD).header("Accept-Language", "zh-CN").with(as("VIEWER")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(zh).contains("信用额度").contains(">差异<").doesNotContain(">credit_limit<").doesNotContain(">BREAK<");
            String zhRuns = mvc.perform(get("/runs").header("Accept-Language", "zh-CN").with(as("VIEWER")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(zhRuns).contains("已完成(有对账差异)").contains(">已完成<").doesNotContain(">COMPLETED<");
        } finally {
            jdbc.update("DELETE FROM reconciliation WHERE check_key = 'G-TEST'");
            jdbc.update("UPDATE BATCH_JOB_EXECUTION SET EXIT_CODE = 'COMPLETED' WHERE JOB_EXECUTION_ID = ?", settle);
        }
        jdbc.update("INSERT INTO forecast (period, run, kind, program_or_table, scope, volume, tier_from, next_tier_from, needed,"
                + " worth) VALUES (?, 1, 'discount', 'standard', 'G-TEST', 148434.0427, 100000, 200000, 51565.9573, 48434.04)",
                PERIOD);
        try {
            String forecast = mvc.perform(get("/forecast").with(as("VIEWER"))).andReturn().getResponse().getContentAsString();
            assertThat(forecast).contains("Next tier from").contains(">51565.96<").contains(">200000.00<")
                    .contains(">48434.04<").doesNotContain("NEXT_TIER_FROM").doesNotContain("51565.9573");
            String zh = mvc.perform(get("/forecast").header("Accept-Language", "zh-CN").with(as("VIEWER")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(zh).contains("下一阶梯起点").contains("尚差用量");
        } finally {
            jdbc.update("DELETE FROM forecast WHERE scope = 'G-TEST'");
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

    private String financePeriod() throws Exception {
        return mvc.perform(get("/periods/" + PERIOD).with(as("FINANCE"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String period() throws Exception {
        return mvc.perform(get("/periods/" + PERIOD).with(as("VIEWER"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Exception")))).andReturn().getResponse().getContentAsString();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String role) {
        return user(role.equals("FINANCE") ? "finance" : role.toLowerCase()).roles(role);
    }
}
