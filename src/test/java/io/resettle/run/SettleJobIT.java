package io.resettle.run;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Hashing;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settle job end to end through the command line on PostgreSQL: the worked examples of
 * examples.md to the cent in the output files, re-runs, and the refusals of R11.
 */
class SettleJobIT {

    @TempDir
    Path work;

    private Path data;
    private Path out;
    private Cli cli;

    private void setUp(String dataSet) {
        data = DataSets.copy(dataSet, work.resolve("data"));
        out = work.resolve("out");
        cli = new Cli(TestDatabases.newPostgres());
    }

    private int ingest(String period) {
        return cli.run("ingest", "--period", period, "--data", data.toString(), "--out", out.toString());
    }

    private int settle(String period, String... flags) {
        String[] args = {"settle", "--period", period, "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + flags.length);
        System.arraycopy(flags, 0, all, args.length, flags.length);
        return cli.run(all);
    }

    private String file(String period, int revision, String name) {
        return DataSets.read(out.resolve(period).resolve("r" + revision).resolve(name));
    }

    private List<String> lines(String period, int revision, String name, String containing) {
        return file(period, revision, name).lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void e1_sharedGroupDiscount_and_e2_rounding() {
        setUp("e1");
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10")).isZero();

        assertThat(lines("2026-10", 1, "invoice-lines.csv", ",CHARGE,")).contains(
                "INV-2026-10-A,A,a1,CHARGE,ecs,COMPUTE,NEW,120000.00,0.1,12000.00,108000.00,CNY",
                "INV-2026-10-B,B,b1,CHARGE,waf,SECURITY,RENEWAL,60000.00,0.13,7800.00,52200.00,CNY",
                "INV-2026-10-C,C,c1,CHARGE,oss,STORAGE,USAGE,25000.00,0.1,2500.00,22500.00,CNY",
                "INV-2026-10-C,C,c2,CHARGE,oss,STORAGE,REFUND,-5000.00,0.1,-500.00,-4500.00,CNY",
                "INV-2026-10-M,M,m2,CHARGE,ecs,COMPUTE,USAGE,0.13,0.1,0.01,0.12,CNY",
                "INV-2026-10-N,N,n2,CHARGE,rds,DATABASE,USAGE,10.01,0.05,0.50,9.51,CNY");
        assertThat(file("2026-10", 1, "invoices.csv")).contains(
                "INV-2026-10-A,A,G1,'=Alpha Holdings,T-A,CREDIT,2026-10,1,1,120000.00,12000.00,108000.00,CNY\n",
                "INV-2026-10-B,B,G1,\"Beta, Ltd\",T-B,CREDIT,2026-10,1,1,60000.00,7800.00,52200.00,CNY\n",
                "INV-2026-10-C,C,G1,Gamma Co,T-C,CREDIT,2026-10,1,2,20000.00,2000.00,18000.00,CNY\n");
        assertThat(lines("2026-10", 1, "group-statements.csv", "G1,"))
                .containsExactly("G1,2026-10,200000.00,200000.00,178200.00,150000.00,OVER_LIMIT");
        assertThat(file("2026-10", 1, "reconciliation.csv"))
                .isEqualTo("check,key,expected,actual,difference,status\n"
                        + "credit_limit,G1,150000.00,178200.00,28200.00,WARNING\n");
        assertThat(file("2026-10", 1, "invoice-lines.csv").lines()).hasSize(9);
        assertThat(out.resolve("2026-10/r1/invoice-adjustments.csv")).doesNotExist();
        assertThat(file("2026-10", 1, "manifest.json")).contains("\"exit_status\": \"COMPLETED\"")
                .contains("\"file\": \"invoice-lines.csv\"").contains("\"net\": \"").contains("\"policy\": {");
    }

    @Test
    void e1_oneCentMoreRefundDropsTheGroupToTier50000() throws Exception {
        setUp("e1");
        Path bill = data.resolve("exports/2026-10/bill.csv");
        Files.writeString(bill, DataSets.read(bill).replace("Refund,,-5000.00", "Refund,,-5000.01"));
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10")).isZero();
        assertThat(lines("2026-10", 1, "group-statements.csv", "G1,"))
                .singleElement().asString().startsWith("G1,2026-10,199999.99,50000.00,");
        assertThat(lines("2026-10", 1, "invoice-lines.csv", ",a1,")).containsExactly(
                "INV-2026-10-A,A,a1,CHARGE,ecs,COMPUTE,NEW,120000.00,0.05,6000.00,114000.00,CNY");
        assertThat(lines("2026-10", 1, "invoice-lines.csv", ",b1,")).containsExactly(
                "INV-2026-10-B,B,b1,CHARGE,waf,SECURITY,RENEWAL,60000.00,0.08,4800.00,55200.00,CNY");
    }

    @Test
    void e3_commitmentShortfallAtEarlyTermination_prorated() {
        setUp("e3");
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();
        assertThat(lines("2026-06", 1, "invoice-lines.csv", "K1")).containsExactly(
                "INV-2026-06-A,A,CLAWBACK-K1,CLAWBACK,,,,7500.00,0,0.00,7500.00,CNY",
                "INV-2026-06-A,A,PENALTY-K1,PENALTY,,,,15000.00,0,0.00,15000.00,CNY",
                "INV-2026-06-B,B,CLAWBACK-K1,CLAWBACK,,,,3750.00,0,0.00,3750.00,CNY");
        for (String month : List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05")) {
            assertThat(file(month, 1, "invoice-lines.csv")).doesNotContain("K1");
            assertThat(lines(month, 1, "invoices.csv", "INV-")).containsExactly(
                    "INV-" + month + "-A,A,G2,Alpha Co,T-A,CREDIT," + month + ",1,1,100000.00,5000.00,95000.00,CNY",
                    "INV-" + month + "-B,B,G2,Beta Co,T-B,CREDIT," + month + ",1,1,50000.00,2500.00,47500.00,CNY");
        }
        assertThat(lines("2026-06", 1, "invoices.csv", "INV-")).containsExactly(
                "INV-2026-06-A,A,G2,Alpha Co,T-A,CREDIT,2026-06,1,3,122500.00,5000.00,117500.00,CNY",
                "INV-2026-06-B,B,G2,Beta Co,T-B,CREDIT,2026-06,1,2,53750.00,2500.00,51250.00,CNY");
    }

    @Test
    void e3_commitmentShortfallAtEarlyTermination_full() throws Exception {
        setUp("e3");
        Path agreements = data.resolve("agreements.csv");
        Files.writeString(agreements, DataSets.read(agreements).replace("PRORATED", "FULL"));
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();
        assertThat(lines("2026-06", 1, "invoice-lines.csv", "K1")).containsExactly(
                "INV-2026-06-A,A,CLAWBACK-K1,CLAWBACK,,,,30000.00,0,0.00,30000.00,CNY",
                "INV-2026-06-A,A,PENALTY-K1,PENALTY,,,,15000.00,0,0.00,15000.00,CNY",
                "INV-2026-06-B,B,CLAWBACK-K1,CLAWBACK,,,,15000.00,0,0.00,15000.00,CNY");
    }

    @Test
    void e10_prepaidBalance() {
        setUp("e10");
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();
        assertThat(file("2026-09", 1, "prepaid-balances.csv")).isEqualTo(
                "sub_account_id,period,opening,allocated,charged,closing,status\n"
                        + "P1,2026-09,0.00,10000.00,0.00,10000.00,OK\n");
        assertThat(file("2026-10", 1, "prepaid-balances.csv")).isEqualTo(
                "sub_account_id,period,opening,allocated,charged,closing,status\n"
                        + "P1,2026-10,10000.00,5000.00,18000.00,-3000.00,TOP_UP_REQUIRED\n");
    }

    @Test
    void aRerunWithACorrectedExportIsRevision2WithAdjustments_R11() throws Exception {
        setUp("e1");
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10")).isZero();
        byte[] r1Invoices = Files.readAllBytes(out.resolve("2026-10/r1/invoices.csv"));
        byte[] r1Lines = Files.readAllBytes(out.resolve("2026-10/r1/invoice-lines.csv"));
        List<List<String>> r1Rows = Sql.rows(cli.databaseUrl(), "SELECT * FROM invoice WHERE revision = 1 ORDER BY invoice_id");

        assertThat(settle("2026-10")).as("settling again without --rerun is refused").isEqualTo(ResettleCommandLine.REFUSED);

        Files.writeString(data.resolve("exports/2026-10/z-correction.csv"), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency,PaymentTime
                n2,2026-10,N,rds,PayAsYouGo,PayAsYouGoBill,20.00,CNY,2026-10-06T10:00:00
                """);
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10", "--rerun")).isZero();

        assertThat(file("2026-10", 2, "invoice-adjustments.csv")).isEqualTo(
                "invoice_id,previous_net,net,difference\n"
                        + "INV-2026-10-N,57009.51,57019.00,9.49\n");
        assertThat(lines("2026-10", 2, "invoices.csv", "INV-")).hasSize(5);
        assertThat(Files.readAllBytes(out.resolve("2026-10/r1/invoices.csv"))).isEqualTo(r1Invoices);
        assertThat(Files.readAllBytes(out.resolve("2026-10/r1/invoice-lines.csv"))).isEqualTo(r1Lines);
        assertThat(Sql.rows(cli.databaseUrl(), "SELECT * FROM invoice WHERE revision = 1 ORDER BY invoice_id")).isEqualTo(r1Rows);
        assertThat(Sql.rows(cli.databaseUrl(), "SELECT revision, status FROM period_run ORDER BY revision"))
                .containsExactly(List.of("1", "COMPLETED"), List.of("2", "COMPLETED"));
    }

    @Test
    void aClosedPeriodIsRefusedUntilReopened_R11_5() {
        setUp("e1");
        assertThat(ingest("2026-10")).isZero();
        assertThat(cli.run("close", "--period", "2026-10")).as("nothing settled yet").isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(settle("2026-10")).isZero();
        assertThat(cli.run("close", "--period", "2026-10", "--user", "li.finance")).isZero();
        assertThat(settle("2026-10", "--rerun")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(cli.run("reopen", "--period", "2026-10")).as("a reason is required").isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(cli.run("reopen", "--period", "2026-10", "--reason", "vendor re-issued the bill", "--user", "li.finance"))
                .isZero();
        assertThat(settle("2026-10", "--rerun")).isZero();
        assertThat(Sql.rows(cli.databaseUrl(), "SELECT event_no, event, by_user, reason FROM period_event ORDER BY event_no"))
                .containsExactly(List.of("1", "CLOSED", "li.finance", "null"),
                        List.of("2", "REOPENED", "li.finance", "vendor re-issued the bill"));
    }

    @Test
    void aPeriodWithQuarantinedFilesIsRefusedNamingThemUnlessForced_R2_6() throws Exception {
        setUp("e1");
        Files.writeString(data.resolve("exports/2026-10/y-broken.csv"), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency
                Y1,2026-10,A,ecs,Subscription,SubscriptionOrder,oops,CNY
                """);
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM period_run")).isEqualTo("0");
        assertThat(settle("2026-10", "--force")).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT forced FROM period_run")).isEqualTo("true");
    }

    /**
     * invoice-lines.csv is written beside reconcile under a hidden name and renamed with the other
     * files: a run that fails before they are all written leaves no invoice-lines.csv, and its
     * restart publishes the staged copy.
     */
    @Test
    void aFailureAfterTheInvoiceLinesAreStagedLeavesNoInvoiceLinesFile_andTheRestartPublishesThem() throws Exception {
        String staged = failInTheFilesStepAfterStagingInvoiceLines();
        Path folder = out.resolve("2026-10/r1");
        Object stagedFile = Files.readAttributes(folder.resolve(".invoice-lines.csv.staged"), BasicFileAttributes.class).fileKey();

        assertThat(cli.run("restart", "--execution", failedExecution())).isZero();
        assertThat(file("2026-10", 1, "invoice-lines.csv")).isEqualTo(staged);
        assertThat(Files.readAttributes(folder.resolve("invoice-lines.csv"), BasicFileAttributes.class).fileKey())
                .as("the staged file itself, renamed, not a new one").isNotNull().isEqualTo(stagedFile);
        assertThat(folder.resolve(".invoice-lines.csv.staged")).doesNotExist();
        assertThat(file("2026-10", 1, "manifest.json"))
                .contains("\"sha256\": \"" + Hashing.sha256(folder.resolve("invoice-lines.csv")) + "\"");
    }

    @Test
    void aStagedInvoiceLinesFileThatChangedIsWrittenAgainOnRestart() throws Exception {
        String staged = failInTheFilesStepAfterStagingInvoiceLines();
        Path folder = out.resolve("2026-10/r1");
        Files.writeString(folder.resolve(".invoice-lines.csv.staged"), "INV-X,X,x1,CHARGE,,,,1.00,0,0.00,1.00,CNY\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(cli.run("restart", "--execution", failedExecution())).isZero();
        assertThat(file("2026-10", 1, "invoice-lines.csv")).isEqualTo(staged);
        assertThat(folder.resolve(".invoice-lines.csv.staged")).doesNotExist();
        assertThat(file("2026-10", 1, "manifest.json"))
                .contains("\"sha256\": \"" + Hashing.sha256(folder.resolve("invoice-lines.csv")) + "\"");
    }

    /** Settles E1 with a failure at the first row of invoices.csv; returns the staged invoice lines. */
    private String failInTheFilesStepAfterStagingInvoiceLines() {
        setUp("e1");
        assertThat(ingest("2026-10")).isZero();
        assertThat(cli.run(Map.of("resettle.fault.fail-at-row", "1", "resettle.fault.file", "invoices.csv"),
                "settle", "--period", "2026-10", "--out", out.toString())).isEqualTo(ResettleCommandLine.FAILED);
        Path folder = out.resolve("2026-10/r1");
        assertThat(folder.resolve("invoice-lines.csv")).doesNotExist();
        assertThat(folder.resolve("manifest.json")).doesNotExist();
        String staged = DataSets.read(folder.resolve(".invoice-lines.csv.staged"));
        assertThat(staged).startsWith("invoice_id,sub_account_id,line_id,kind,")
                .contains("INV-2026-10-A,A,a1,CHARGE,ecs,COMPUTE,NEW,120000.00,0.1,12000.00,108000.00,CNY\n");
        return staged;
    }

    private String failedExecution() {
        return Sql.value(cli.databaseUrl(), "SELECT job_execution_id FROM batch_job_execution WHERE status = 'FAILED'");
    }

    @Test
    void settlingWithoutIngestIsRefused() {
        setUp("e1");
        assertThat(settle("2026-10")).isEqualTo(ResettleCommandLine.REFUSED);
    }

    @Test
    void settlingAfterAFailedIngestIsRefusedUntilTheIngestIsResumed() {
        setUp("e1");
        assertThat(cli.run(Map.of("resettle.fault.fail-at-row", "1"), "ingest", "--period", "2026-10", "--data",
                data.toString(), "--out", out.toString())).isEqualTo(ResettleCommandLine.FAILED);
        String failed = Sql.value(cli.databaseUrl(), "SELECT job_execution_id FROM batch_job_execution WHERE status = 'FAILED'");

        assertThat(settle("2026-10")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM period_run")).isEqualTo("0");

        assertThat(cli.run("restart", "--execution", failed)).isZero();
        assertThat(settle("2026-10")).isZero();
    }

    @Test
    void aStatementDifferenceIsABreakAndExitCode3_R12_1() throws Exception {
        setUp("e1");
        Files.createDirectories(data.resolve("statements/2026-10"));
        Files.writeString(data.resolve("statements/2026-10/vendor-statement.csv"), """
                sub_account_id,payable
                A,120000.00
                B,60000.004
                C,20000.01
                M,200000.125
                Z,99.00
                """);
        assertThat(ingest("2026-10")).isZero();
        assertThat(settle("2026-10")).isEqualTo(ResettleCommandLine.BREAKS);
        assertThat(file("2026-10", 1, "reconciliation.csv")).isEqualTo("""
                check,key,expected,actual,difference,status
                credit_limit,G1,150000.00,178200.00,28200.00,WARNING
                export_missing_from_statement,N,0.00,60010.01,60010.01,BREAK
                statement_without_export,Z,99.00,0.00,-99.00,BREAK
                vendor_statement_total,C,20000.01,20000.00,-0.01,BREAK
                """);
        assertThat(file("2026-10", 1, "manifest.json")).contains("\"exit_status\": \"COMPLETED_WITH_BREAKS\"");
    }
}
