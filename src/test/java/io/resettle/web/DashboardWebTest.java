package io.resettle.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.resettle.run.JobRunner;
import io.resettle.run.PeriodActions;
import io.resettle.support.RefusedException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every page and every action through the web layer (issue 5): what each role may see and do, and
 * no more; CSRF; refusals shown as messages and recorded in the audit log. Actions go to a mocked
 * {@link PeriodActions}; the pages read a real job repository after one real ingest.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-web;DB_CLOSE_DELAY=-1",
        "resettle.out=target/dashboard-web-out",
        "resettle.users[0].name=alice",
        // BCrypt of "wonderland"
        "resettle.users[0].password-hash=$2a$10$D/D0jHn5kawKUe7GBGO6MOuu98jFEMm.wwK.CEcNiAl./C3XS6Np6",
        "resettle.users[0].roles=VIEWER"})
@AutoConfigureMockMvc
class DashboardWebTest {

    private static Long executionId;

    @Autowired
    MockMvc mvc;

    @Autowired
    JobRunner jobRunner;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoBean
    PeriodActions actions;

    @BeforeEach
    void ingestOnce() throws Exception {
        if (executionId == null) {
            executionId = jobRunner.ingest(YearMonth.of(2026, 10), Path.of("src/test/resources/datasets/basic").toString(),
                    "target/dashboard-web-out").getId();
        }
        clearInvocations(actions);
    }

    private static RequestPostProcessor as(String role) {
        return user(role.toLowerCase(Locale.ROOT)).roles(role);
    }

    // ---- pages ----

    @Test
    void withoutLoginEveryPageRedirectsToTheLoginPage() throws Exception {
        for (String page : new String[] {"/runs", "/executions/1", "/periods", "/periods/2026-10", "/forecast", "/audit",
            "/actions/ingest?period=2026-10", "/actuator/prometheus"}) {
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/login"));
        }
    }

    @Test
    void loginPageAndStaticAssetsNeedNoLogin() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("password")));
        mvc.perform(get("/css/resettle.css")).andExpect(status().isOk());
    }

    @Test
    void configuredUserLogsInWithItsBcryptPassword() throws Exception {
        mvc.perform(formLogin("/login").user("alice").password("wonderland")).andExpect(authenticated().withRoles("VIEWER"));
        mvc.perform(formLogin("/login").user("alice").password("wrong")).andExpect(redirectedUrl("/login?error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIEWER", "OPS", "FINANCE"})
    void everyRoleReadsEveryPage(String role) throws Exception {
        mvc.perform(get("/runs").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-execution=\"" + executionId + "\"")));
        mvc.perform(get("/runs").param("job", "ingest").param("period", "2026-10").param("status", "COMPLETED").with(as(role)))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("COMPLETED")));
        mvc.perform(get("/executions/" + executionId).with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ingestExportFile:exports/2026-10/a-bill.csv")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("100%")));
        mvc.perform(get("/periods").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("2026-10")));
        mvc.perform(get("/periods/2026-10").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no-settlement")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("a-bill.csv")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("G1")));
        mvc.perform(get("/forecast").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no-forecast")));
        mvc.perform(get("/audit").with(as(role))).andExpect(status().isOk());
        mvc.perform(get("/actuator/health").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"db\"")));
        mvc.perform(get("/actuator/prometheus").with(as(role))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("spring_batch_job")));
    }

    @Test
    void unknownExecutionAndBadPeriodAreClearErrors() throws Exception {
        mvc.perform(get("/executions/999999").with(as("VIEWER"))).andExpect(status().isNotFound());
        mvc.perform(get("/periods/not-a-month").with(as("VIEWER"))).andExpect(status().isBadRequest());
        mvc.perform(get("/periods/2026-10/file").param("path", "../../pom.xml").with(as("VIEWER")))
                .andExpect(status().isNotFound());
    }

    @Test
    void pagesSpeakEnglishAndChinese() throws Exception {
        mvc.perform(get("/runs").with(as("VIEWER"))).andExpect(content().string(org.hamcrest.Matchers.containsString("Runs")));
        mvc.perform(get("/runs").param("lang", "zh_CN").with(as("VIEWER")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("运行记录")));
        mvc.perform(get("/periods/2026-10").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9").with(as("VIEWER")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("本账期尚未结算")));
    }

    // ---- actions: each role may do exactly its own ----

    @ParameterizedTest
    @EnumSource(Action.class)
    void onlyTheActionsRoleMayConfirmAndPerformIt(Action action) throws Exception {
        for (String role : new String[] {"VIEWER", "OPS", "FINANCE"}) {
            boolean allowed = role.equals(action.role);
            mvc.perform(target(get("/actions/" + action.path()), action).with(as(role)))
                    .andExpect(allowed ? status().isOk() : status().isForbidden());
            mvc.perform(target(post("/actions/" + action.path()), action).param("reason", "late bill").with(as(role)).with(csrf()))
                    .andExpect(allowed ? status().is3xxRedirection() : status().isForbidden());
        }
        verifyCalledOnce(action);
        // the two refusals by role are in the audit log (issue 14.7)
        assertThat(jdbc.queryForList("SELECT username FROM audit_log WHERE action = ? AND outcome = 'REFUSED'"
                + " AND result = ?", String.class, action.path(), "403 forbidden: needs role " + action.role))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(new String[] {"viewer", "ops", "finance"})
                        .filter(u -> !u.equalsIgnoreCase(action.role)).toList());
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void anActionWithoutCsrfTokenIsRefused(Action action) throws Exception {
        mvc.perform(target(post("/actions/" + action.path()), action).param("reason", "x").with(as(action.role)))
                .andExpect(status().isForbidden());
        verifyNoInteractions(actions);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = ? AND username = ?"
                + " AND outcome = 'REFUSED' AND result = '403 forbidden: no valid CSRF token'", Long.class, action.path(),
                action.role.toLowerCase(Locale.ROOT))).isEqualTo(1);
    }

    @Test
    void launchGoesToTheNewExecutionAndIsAudited() throws Exception {
        when(actions.launchIngest(YearMonth.of(2026, 10))).thenReturn(executionId);
        mvc.perform(post("/actions/ingest").param("period", "2026-10").with(user("fiona").roles("FINANCE")).with(csrf()))
                .andExpect(redirectedUrl("/executions/" + executionId)).andExpect(flash().attribute("outcome", "OK"));
        assertThat(jdbc.queryForList("SELECT username, action, parameters, outcome FROM audit_log WHERE username = 'fiona'"))
                .anySatisfy(row -> assertThat(row.values()).containsExactly("fiona", "ingest", "period=2026-10", "OK"));
    }

    @Test
    void aRefusalIsAMessageNotAStackTrace() throws Exception {
        when(actions.restart(anyLong())).thenThrow(new RefusedException("execution 7 completed; nothing to restart"));
        mvc.perform(post("/actions/restart").param("execution", "7").with(user("oscar").roles("OPS")).with(csrf()))
                .andExpect(redirectedUrl("/executions/7"))
                .andExpect(flash().attribute("outcome", "REFUSED"))
                .andExpect(flash().attribute("outcomeMessage", "Execution 7 completed: there is nothing to restart."));
        when(actions.launchSettle(any())).thenThrow(new RefusedException("settle is not available in this build yet"));
        mvc.perform(post("/actions/settle").param("period", "2026-10").with(user("fiona").roles("FINANCE")).with(csrf()))
                .andExpect(flash().attribute("outcome", "REFUSED"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE outcome = 'REFUSED' AND username IN ('oscar', 'fiona')",
                Long.class)).isEqualTo(2);
        mvc.perform(get("/executions/" + executionId).flashAttr("outcome", "REFUSED").flashAttr("outcomeAction", "restart")
                        .flashAttr("outcomeMessage", "execution 7 completed; nothing to restart").with(as("OPS")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("execution 7 completed; nothing to restart")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("RefusedException"))));
    }

    @Test
    void refusalsSpeakTheUsersLanguageAndNameNoShellCommand() throws Exception {
        when(actions.restart(anyLong())).thenThrow(new RefusedException(
                "ingest of 2026-10 is already running (execution [41]); wait for it, or if its process died, run:"
                        + " resettle restart --execution 41"));
        mvc.perform(post("/actions/restart").param("execution", "40").with(user("olga").roles("OPS")).with(csrf()))
                .andExpect(flash().attribute("outcomeMessage", "ingest of 2026-10 is already running (execution 41): wait"
                        + " for it; if its process died, recover and restart it from its execution page."));
        mvc.perform(post("/actions/restart").param("execution", "40").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                        .with(user("olga").roles("OPS")).with(csrf()))
                .andExpect(flash().attribute("outcomeMessage", org.hamcrest.Matchers.startsWith("2026-10 的 ingest 作业正在运行")));
        // the audit log keeps the English text, whatever the user's language
        assertThat(jdbc.queryForList("SELECT result FROM audit_log WHERE username = 'olga'", String.class))
                .hasSize(2).allSatisfy(r -> assertThat(r).startsWith("ingest of 2026-10 is already running"));
        // a refusal not known to the dashboard is shown as it is, without the command it suggests
        when(actions.launchSettle(any())).thenThrow(new RefusedException(
                "2026-10 has a strange state; run: resettle settle --period 2026-10 --force, or use --rerun"));
        mvc.perform(post("/actions/settle").param("period", "2026-10").with(user("fiona").roles("FINANCE")).with(csrf()))
                .andExpect(flash().attribute("outcomeMessage", "Refused: 2026-10 has a strange state"));
    }

    @Test
    void theDownloadRouteNeverFollowsALinkOutOfTheOutputFolder() throws Exception {
        Path period = Path.of("target/dashboard-web-out/2026-10");
        java.nio.file.Files.createDirectories(period.resolve("r1"));
        java.nio.file.Files.writeString(period.resolve("r1/invoices.csv"), "invoice_id\nINV-1\n");
        Path outside = java.nio.file.Files.createTempDirectory("outside-out");
        java.nio.file.Files.writeString(outside.resolve("secret.txt"), "root:x:0:0");
        Path fileLink = period.resolve("r1/shadow.csv");
        Path dirLink = period.resolve("r9");
        java.nio.file.Files.deleteIfExists(fileLink);
        java.nio.file.Files.deleteIfExists(dirLink);
        java.nio.file.Files.createSymbolicLink(fileLink, outside.resolve("secret.txt").toAbsolutePath());
        java.nio.file.Files.createSymbolicLink(dirLink, outside.toAbsolutePath());
        try {
            mvc.perform(get("/periods/2026-10/file").param("path", "r1/invoices.csv").with(as("VIEWER")))
                    .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("INV-1")));
            for (String path : new String[] {"r1/shadow.csv", "r9/secret.txt", "r9"}) {
                mvc.perform(get("/periods/2026-10/file").param("path", path).with(as("VIEWER")))
                        .andExpect(status().isNotFound());
            }
            mvc.perform(get("/periods/2026-10").with(as("VIEWER")))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("r1/invoices.csv")))
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("shadow.csv"))))
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret.txt"))));
        } finally {
            java.nio.file.Files.deleteIfExists(fileLink);
            java.nio.file.Files.deleteIfExists(dirLink);
        }
    }

    @Test
    void reopenNeedsAReason() throws Exception {
        mvc.perform(post("/actions/reopen").param("period", "2026-10").with(as("FINANCE")).with(csrf()))
                .andExpect(flash().attribute("outcome", "REFUSED"));
        verifyNoInteractions(actions);
    }

    private static MockHttpServletRequestBuilder target(MockHttpServletRequestBuilder request, Action action) {
        return action.target == Action.Target.PERIOD ? request.param("period", "2026-10")
                : request.param("execution", String.valueOf(executionId));
    }

    private void verifyCalledOnce(Action action) throws Exception {
        YearMonth period = YearMonth.of(2026, 10);
        long id = executionId;
        switch (action) {
            case INGEST -> verify(actions).launchIngest(period);
            case SETTLE -> verify(actions).launchSettle(period);
            case RERUN -> verify(actions).rerun(period);
            case CLOSE -> verify(actions).close(eq(period), eq("finance"));
            case REOPEN -> verify(actions).reopen(eq(period), eq("late bill"), eq("finance"));
            case RESTART -> verify(actions).restart(id);
            case STOP -> verify(actions).stop(id);
            case RECOVER -> verify(actions).recover(id);
            case ABANDON -> verify(actions).abandon(id);
        }
    }
}
