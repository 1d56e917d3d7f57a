package io.resettle.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.resettle.cli.ResettleCommandLine;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The period overview shows the payouts of each revision (issue 5), here after the sample data's demo. */
@SpringBootTest(properties = {
        "spring.datasource.url=" + DashboardPayoutsWebTest.DB,
        "resettle.scheduler.enabled=false"})
@AutoConfigureMockMvc
class DashboardPayoutsWebTest {

    static final String DB = "jdbc:h2:mem:dashboard-payouts;DB_CLOSE_DELAY=-1";

    @Autowired
    MockMvc mvc;

    @Test
    void periodPageShowsPayoutTotalsPerRevision() throws Exception {
        String out = Files.createTempDirectory("dashboard-payouts-out").toString();
        assertThat(ResettleCommandLine.run(new String[] {"demo", "--data", "sample-data", "--out", out, "--db", DB}, Map.of()))
                .isZero();
        String page = mvc.perform(get("/periods/2026-10").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"payouts\"").contains("data-revision=\"1\"");
    }
}
