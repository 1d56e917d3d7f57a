package io.resettle.output.batch;

import io.resettle.output.PeriodWorkbook;
import io.resettle.output.batch.SettlementFilesStepConfig.SettlementFiles.Written;
import io.resettle.policy.OutputPolicy;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.run.Hashing;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The files of a revision that finance uses as they are (issue 18, docs/outputs.md), written after
 * the CSVs and from them, before manifest.json lists them all: the period workbook.
 */
final class FinanceFiles {

    private final JdbcTemplate jdbc;
    private final YearMonth period;
    private final int revision;
    private final Path folder;
    private final boolean breaks;

    FinanceFiles(JdbcTemplate jdbc, YearMonth period, int revision, Path folder, boolean breaks) {
        this.jdbc = jdbc;
        this.period = period;
        this.revision = revision;
        this.folder = folder;
        this.breaks = breaks;
    }

    /** Writes them; what the manifest says of each, in the order it lists them. */
    List<Written> write(List<String> csvFiles) {
        Policy policy = new PolicyStore(jdbc).inForce(period);
        OutputPolicy outputs = policy.outputs();
        List<Written> written = new ArrayList<>();
        PeriodWorkbook.Written workbook = new PeriodWorkbook(folder, period, revision,
                breaks ? "COMPLETED_WITH_BREAKS" : "COMPLETED",
                outputs.workbookHeaders() == OutputPolicy.HeaderLanguage.ZH ? PeriodWorkbook.Headers.ZH
                        : PeriodWorkbook.Headers.EN).write(csvFiles);
        written.add(new Written(workbook.name(), Hashing.sha256(workbook.file()), workbook.rows(), workbook.totals()));
        return written;
    }
}
