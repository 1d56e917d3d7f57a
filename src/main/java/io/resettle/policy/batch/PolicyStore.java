package io.resettle.policy.batch;

import io.resettle.policy.Policy;
import io.resettle.policy.PolicyException;
import io.resettle.policy.PolicyParser;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Policy files as ingested, so that settle and forecast read the database only. The policy in
 * force for a period is the latest one not after it (io-contract §1).
 */
@Repository
public class PolicyStore {

    private static final String UPDATE = """
            UPDATE policy_file SET file = :file, sha256 = :sha256, content = :content WHERE effective_from = :effectiveFrom
            """;

    private static final String INSERT = """
            INSERT INTO policy_file (effective_from, file, sha256, content) VALUES (:effectiveFrom, :file, :sha256, :content)
            """;

    private static final String IN_FORCE = """
            SELECT effective_from, file, content FROM policy_file
            WHERE effective_from = (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= :period)
            """;

    private static final String IN_FORCE_FINGERPRINT = """
            SELECT effective_from || ':' || sha256 FROM policy_file
            WHERE effective_from = (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= :period)
            """;

    private final JdbcClient jdbc;

    public PolicyStore(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    public void save(YearMonth effectiveFrom, String file, String sha256, String content) {
        if (jdbc.sql(UPDATE).param("file", file).param("sha256", sha256).param("content", content)
                .param("effectiveFrom", effectiveFrom.toString()).update() == 0) {
            jdbc.sql(INSERT).param("effectiveFrom", effectiveFrom.toString()).param("file", file).param("sha256", sha256)
                    .param("content", content).update();
        }
    }

    /** The policy in force for {@code period}; refuses when no policy file takes effect by then. */
    public Policy inForce(YearMonth period) {
        List<Policy> found = jdbc.sql(IN_FORCE).param("period", period.toString())
                .query((rs, i) -> PolicyParser.parse(rs.getString("file"), YearMonth.parse(rs.getString("effective_from")),
                        rs.getString("content")))
                .list();
        if (found.isEmpty()) {
            throw new PolicyException("policies/", List.of("no policy file takes effect by " + period
                    + " (add policies/YYYY-MM.yml with a month not after it)"));
        }
        return found.get(0);
    }

    /**
     * The policy in force for {@code period} as {@code effective_from:sha256} (none or one): what
     * ingestion judged a file on (R2.7: a changed policy re-evaluates the exports).
     */
    public List<String> inForceFingerprint(YearMonth period) {
        return jdbc.sql(IN_FORCE_FINGERPRINT).param("period", period.toString()).query(String.class).list();
    }
}
