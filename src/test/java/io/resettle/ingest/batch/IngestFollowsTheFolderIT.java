package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.ingest.batch.BadInputCorpusIT.Console;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 items 2, 4, 7 and 9: after every ingest the period is what the data set folder and the
 * policy in force say now (R2.7); a file rejected whole stops the settle like a quarantined one
 * (R2.6); links are never followed; every entry of the export folder is listed.
 */
class IngestFollowsTheFolderIT {

    private static final String BILL_HEADER = "RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency\n";

    @TempDir
    Path work;

    private Path data;
    private Path out;
    private Cli cli;

    private void setUp(String databaseUrl) {
        data = DataSets.copy("basic", work.resolve("data"));
        out = work.resolve("out");
        cli = new Cli(databaseUrl);
    }

    private int ingest() {
        return cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", out.toString());
    }

    private Console ingestCapturing() {
        return Console.capture(this::ingest);
    }

    private int settle(String... flags) {
        String[] args = {"settle", "--period", "2026-10", "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + flags.length);
        System.arraycopy(flags, 0, all, args.length, flags.length);
        return cli.run(all);
    }

    private String filesCsv() {
        return DataSets.read(out.resolve("2026-10/ingest/files.csv"));
    }

    private String rejectsCsv() {
        return DataSets.read(out.resolve("2026-10/ingest/rejects.csv"));
    }

    private String count(String where) {
        return Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line WHERE " + where);
    }

    @Test
    void aRemovedFileTakesItsLinesWithItAndIsListedRemoved_R2_7() throws Exception {
        setUp(TestDatabases.newPostgres());
        assertThat(ingest()).isZero();
        assertThat(count("file LIKE '%c-focus.csv'")).isEqualTo("5");
        Path focus = data.resolve("exports/2026-10/c-focus.csv");
        byte[] content = Files.readAllBytes(focus);
        String sha = io.resettle.support.Hashing.sha256(focus);
        Files.delete(focus);

        assertThat(ingest()).isZero();
        assertThat(count("file LIKE '%c-focus.csv'")).isEqualTo("0");
        assertThat(count("1 = 1")).isEqualTo("9");
        assertThat(filesCsv()).contains("exports/2026-10/c-focus.csv," + sha + ",focus,UTF-8,0,0,0,REMOVED,0.00\n");
        String removed = filesCsv();
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).as("idempotent (R2.7)").isEqualTo(removed);

        Files.write(focus, content);
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains("exports/2026-10/c-focus.csv," + sha + ",focus,UTF-8,5,5,0,ACCEPTED,286.34\n");
        assertThat(count("1 = 1")).isEqualTo("14");
    }

    @Test
    void aFileRejectedWholeStopsTheSettleUntilReplacedOrForced_R2_6() throws Exception {
        setUp(TestDatabases.newPostgres());
        Path missing = data.resolve("exports/2026-10/k-missing.csv");
        Files.writeString(missing, "RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,Currency\n"
                + "K1,2026-10,A,ecs,Subscription,SubscriptionOrder,CNY\n");
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",alibaba-bill,UTF-8,1,0,1,REJECTED,0.00\n");
        Console refused = Console.capture(this::settle);
        assertThat(refused.exitCode()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(refused.text()).contains("exports/2026-10/k-missing.csv (REJECTED)").contains("--force");

        Files.writeString(missing, BILL_HEADER + "K1,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,CNY\n");
        assertThat(ingest()).isZero();
        assertThat(settle()).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
    }

    @Test
    void forceSettlesWithoutTheRejectedFile_R2_6() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Files.writeString(data.resolve("exports/2026-10/k-dup.csv"), BILL_HEADER.replace("\n", ",PretaxAmount\n")
                + "K1,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,99.00\n");
        assertThat(ingest()).isZero();
        assertThat(settle()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(settle("--force")).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT forced FROM period_run WHERE period = '2026-10'")).isEqualTo("true");
    }

    @Test
    void aRemovedQuarantinedFileNoLongerBlocksTheSettle_R2_7() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Path bad = data.resolve("exports/2026-10/k-mostly-bad.csv");
        Files.writeString(bad, BILL_HEADER + "Q1,2026-10,NOBODY,ecs,Subscription,SubscriptionOrder,5.00,CNY\n");
        assertThat(ingest()).isZero();
        assertThat(settle()).isEqualTo(ResettleCommandLine.REFUSED);
        Files.delete(bad);
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains("exports/2026-10/k-mostly-bad.csv,").contains(",REMOVED,");
        assertThat(rejectsCsv()).isEqualTo("file,row,reason,raw\n");
        assertThat(settle()).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
    }

    @Test
    void aChangedPolicyReEvaluatesUnchangedFiles_R2_7() throws Exception {
        setUp(TestDatabases.newPostgres());
        assertThat(ingest()).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT category FROM billing_line WHERE line_id = 'R1'")).isEqualTo("COMPUTE");
        Path policy = data.resolve("policies/2026-01.yml");
        Files.writeString(policy, DataSets.read(policy).replace("COMPUTE:  [ecs, swas, ecs-gpu]", "COMPUTE:  [swas, ecs-gpu]")
                .replace("NETWORK:  [slb, eip, cdn]", "NETWORK:  [slb, eip, cdn, ecs]"));

        assertThat(ingest()).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT category FROM billing_line WHERE line_id = 'R1'")).isEqualTo("NETWORK");
        assertThat(filesCsv()).contains("a-bill.csv,").doesNotContain(",UNCHANGED,");
        String again = filesCsv();
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",UNCHANGED,");
        assertThat(count("1 = 1")).isEqualTo("14");
        assertThat(again).isNotEqualTo(filesCsv());
    }

    @Test
    void changedMasterDataReleasesAQuarantinedFile_R2_7() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Files.writeString(data.resolve("exports/2026-10/k-new-customer.csv"),
                BILL_HEADER + "N1,2026-10,F,ecs,Subscription,SubscriptionOrder,50.00,CNY\n");
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains("k-new-customer.csv,").contains(",1,0,1,QUARANTINED,");
        Path accounts = data.resolve("accounts.csv");
        Files.writeString(accounts, DataSets.read(accounts) + "F,Phi,G1,MEMBER,Phi Co,91110000F,CREDIT,CNY,2026-01,,AGENT,,,,,,\n");

        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",1,1,0,ACCEPTED,50.00\n");
        assertThat(count("line_id = 'N1'")).isEqualTo("1");
    }

    @Test
    void aRemovedAllocationIsGone_R2_7() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        assertThat(ingest()).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM allocation")).isEqualTo("1");
        Files.writeString(data.resolve("allocations.csv"), "sub_account_id,date,amount,reference\n");
        assertThat(ingest()).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM allocation")).isEqualTo("0");
    }

    @Test
    void symbolicLinksAreNeverFollowed_issue15_7() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Path secret = work.resolve("shadow");
        Files.writeString(secret, "root:$6$secret:19000:0:99999:7:::\n");
        Files.createSymbolicLink(data.resolve("exports/2026-10/shadow.csv"), secret);
        Console console = ingestCapturing();
        assertThat(console.exitCode()).isZero();
        assertThat(filesCsv()).contains("exports/2026-10/shadow.csv,,,,0,0,0,REJECTED,0.00\n");
        assertThat(rejectsCsv()).contains("exports/2026-10/shadow.csv,0,SYMBOLIC_LINK,").doesNotContain("secret");
        assertThat(console.text()).doesNotContain("$6$secret");
        assertThat(settle()).isEqualTo(ResettleCommandLine.REFUSED);

        Files.delete(data.resolve("exports/2026-10/shadow.csv"));
        Path groups = data.resolve("groups.csv");
        Files.move(groups, work.resolve("groups.csv"));
        Files.createSymbolicLink(groups, work.resolve("groups.csv"));
        Console refused = ingestCapturing();
        assertThat(refused.exitCode()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(refused.text()).contains("groups.csv is a symbolic link").doesNotContain("\tat ");
    }

    @Test
    void everyEntryOfTheExportFolderIsListed_issue15_9() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        DataSets.copyTree(Path.of("src/test/resources/corpus/not-exports"), data);
        Console console = ingestCapturing();
        assertThat(console.exitCode()).isZero();
        assertThat(filesCsv()).contains(
                "exports/2026-10/.k-hidden.csv,,,,0,0,0,IGNORED,0.00\n",
                "exports/2026-10/k-bill.csv.bak,,,,0,0,0,IGNORED,0.00\n",
                "exports/2026-10/notes.txt,,,,0,0,0,IGNORED,0.00\n",
                "exports/2026-10/old,,,,0,0,0,IGNORED,0.00\n");
        assertThat(console.text()).contains("exports/2026-10/notes.txt: IGNORED (not a .csv file)")
                .contains("exports/2026-10/old: IGNORED (a folder");
        assertThat(count("1 = 1")).isEqualTo("14");
        assertThat(settle()).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        Files.delete(data.resolve("exports/2026-10/notes.txt"));
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).doesNotContain("notes.txt");
    }

    @Test
    void aLargeRefundWithoutItsOriginalIsWarned_issue15_9() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Files.writeString(data.resolve("exports/2026-10/k-refund.csv"), "RecordID,RelatedRecordID," + BILL_HEADER.substring(9)
                + "K1,NOWHERE,2026-10,A,ecs,Subscription,Refund,500000.00,CNY\n"
                + "K2,,2026-10,A,ecs,Subscription,Refund,20000.00,CNY\n"
                + "K3,,2026-10,A,ecs,Subscription,Refund,50.00,CNY\n");
        Console console = ingestCapturing();
        assertThat(console.exitCode()).isZero();
        assertThat(console.text())
                .contains("exports/2026-10/k-refund.csv row 1: REFUND -500000.00 CNY of sub-account A names no original"
                        + " line (NOWHERE is not known)")
                .contains("exports/2026-10/k-refund.csv row 2: REFUND -20000.00 CNY of sub-account A names no original"
                        + " line (no related line id)")
                .doesNotContain("k-refund.csv row 3");
    }
}
