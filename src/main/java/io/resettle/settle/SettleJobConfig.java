package io.resettle.settle;

import io.resettle.rebate.batch.RebateSliceFile;
import io.resettle.reconcile.batch.ReconciliationStore;
import io.resettle.run.PeriodRuns;
import io.resettle.run.RunLiveness;
import io.resettle.run.StepProgress;
import io.resettle.support.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code settle} job (R4–R6, R11, R12.1–R12.2): group volumes → priced lines → commitments
 * and clawbacks → rebate credits → invoices → statements and balances, and beside them the
 * GRADUATED rebate walk; then accruals (R7, R8) → payouts (R9, R10) → reconciliation → output
 * files. Identifying
 * parameters: {@code period} and {@code revision}; a finance re-run is revision n+1 (R11.1).
 */
@Configuration(proxyBeanMethods = false)
class SettleJobConfig {

    static final String JOB_NAME = "settle";
    static final String WITH_BREAKS = RunStatus.COMPLETED_WITH_BREAKS;
    /** The steps below (the console progress counts them off). */
    private static final int SETTLE_STEPS = 13;

    /**
     * computeRebates needs only the billing lines, not their prices: it runs beside the pricing and
     * invoicing steps instead of after them, and so do accrueRebates and settlePayouts, which read
     * the walk, the billing lines and earlier periods, never this run's invoices. The GRADUATED walk
     * is one thread by nature (event order); beside priceLines it uses the cores that pricing leaves
     * idle (docs/performance.md). Once both sides are done, invoice-lines.csv (final once the
     * invoices are built) is written beside reconcile; writeSettlementFiles writes the other files,
     * one partition each, and publishSettlementFiles renames them all and writes manifest.json.
     */
    @Bean
    Job settleJob(JobRepository jobRepository, Step computeGroupVolumes, Step priceLines, Step settleCommitments,
            Step creditRebates, Step buildInvoices, Step buildStatements, Step computeRebates, Step accrueRebates,
            Step settlePayouts, Step reconcile, Step writeInvoiceLines, Step writeSettlementFiles,
            Step publishSettlementFiles,
            JobExecutionListener periodRunRecorder, RunLiveness runLiveness, JdbcTemplate jdbc,
            @Value("${resettle.console-progress:false}") boolean consoleProgress) {
        Flow pricingAndInvoices = new FlowBuilder<SimpleFlow>("pricingAndInvoices")
                .start(computeGroupVolumes)
                .next(priceLines)
                .next(settleCommitments)
                .next(creditRebates)
                .next(buildInvoices)
                .next(buildStatements)
                .build();
        Flow rebatesAndPayouts = new FlowBuilder<SimpleFlow>("rebatesAndPayouts")
                .start(computeRebates)
                .next(accrueRebates)
                .next(settlePayouts)
                .build();
        Flow pricingBesideRebates = new FlowBuilder<SimpleFlow>("pricingBesideRebates")
                .split(twoAtATime())
                .add(pricingAndInvoices, rebatesAndPayouts)
                .build();
        Flow invoiceLinesFile = new FlowBuilder<SimpleFlow>("invoiceLinesFile").start(writeInvoiceLines).build();
        Flow reconciliation = new FlowBuilder<SimpleFlow>("reconciliation").start(reconcile).build();
        Flow invoiceLinesBesideReconcile = new FlowBuilder<SimpleFlow>("invoiceLinesBesideReconcile")
                .split(twoAtATime())
                .add(reconciliation, invoiceLinesFile)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {"period", "revision", "out"},
                        new String[] {"forced"}))
                .listener(runLiveness)
                .listener(periodRunRecorder)
                .listener(new StepProgress(jdbc, consoleProgress, SETTLE_STEPS, Duration.ofSeconds(2)))
                .start(pricingBesideRebates)
                .next(invoiceLinesBesideReconcile)
                .next(writeSettlementFiles)
                .next(publishSettlementFiles)
                .build()
                .build();
    }

    private static SimpleAsyncTaskExecutor twoAtATime() {
        SimpleAsyncTaskExecutor flows = new SimpleAsyncTaskExecutor("settle-");
        flows.setConcurrencyLimit(2);
        return flows;
    }

    /** Keeps the period run table in step with the job, and marks a run with breaks (R12.5). */
    @Bean
    JobExecutionListener periodRunRecorder(PeriodRuns periodRuns, ReconciliationStore reconciliation) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                periodRuns.started(period(execution), revision(execution), execution.getId(),
                        "true".equals(execution.getJobParameters().getString("forced")));
            }

            @Override
            public void afterJob(JobExecution execution) {
                YearMonth period = period(execution);
                int revision = revision(execution);
                String status = execution.getStatus().toString();
                if (execution.getStatus() == BatchStatus.COMPLETED) {
                    long breaks = reconciliation.breaks(period, revision);
                    if (breaks > 0) {
                        execution.setExitStatus(new ExitStatus(WITH_BREAKS, breaks + " reconciliation break(s)"));
                        status = WITH_BREAKS;
                    }
                }
                periodRuns.finished(period, revision, status);
                if (execution.getStatus() == BatchStatus.COMPLETED) {
                    // The files are written and the job cannot be restarted: the slices' parts are done with.
                    RebateSliceFile.deleteParts(Path.of(execution.getJobParameters().getString("out")), period.toString(),
                            revision);
                }
            }
        };
    }

    private static YearMonth period(JobExecution execution) {
        return YearMonth.parse(execution.getJobParameters().getString("period"));
    }

    private static int revision(JobExecution execution) {
        return execution.getJobParameters().getLong("revision").intValue();
    }
}
