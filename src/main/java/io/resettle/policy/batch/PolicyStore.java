package io.resettle.policy.batch;

import io.resettle.policy.Policy;
import io.resettle.policy.PolicyException;
import io.resettle.policy.PolicyParser;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Policy files as ingested, so that settle and forecast read the database only. The policy in
 * force for a period is the latest one not after it (io-contract §1).
 */
@Repository
public class PolicyStore {

    private final JdbcTemplate jdbc;

    public PolicyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(YearMonth effectiveFrom, String file, String sha256, String content) {
        if (jdbc.update("UPDATE policy_file SET file = ?, sha256 = ?, content = ? WHERE effective_from = ?",
                file, sha256, content, effectiveFrom.toString()) == 0) {
            jdbc.update("INSERT INTO policy_file (effective_from, file, sha256, content) VALUES (?, ?, ?, ?)",
                    effectiveFrom.toString(), file, sha256, content);
        }
    }

    /** The policy in force for {@code period}; refuses when no policy file takes effect by then. */
    public Policy inForce(YearMonth period) {
        List<Policy> found = jdbc.query(
                "SELECT effective_from, file, content FROM policy_file WHERE effective_from ="
                        + " (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= ?)",
                (rs, i) -> PolicyParser.parse(rs.getString("file"), YearMonth.parse(rs.getString("effective_from")),
                        rs.getString("content")),
                period.toString());
        if (found.isEmpty()) {
            throw new PolicyException("policies/", List.of("no policy file takes effect by " + period
                    + " (add policies/YYYY-MM.yml with a month not after it)"));
        }
        return found.get(0);
    }
}
