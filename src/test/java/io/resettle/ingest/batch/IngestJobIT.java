package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job end to end through the command line, on a fresh PostgreSQL database per test
 * (and on H2 where the test says so): files.csv, rejects.csv and the stored billing lines.
 */
class IngestJobIT {

    @TempDir
    Path work;

    private Path data;
    private Path out;
    private Cli cli;

    private void setUp(String dataSet, String databaseUrl) {
        data = DataSets.copy(dataSet, work.resolve("data"));
        out = work.resolve("out");
        cli = new Cli(databaseUrl);
    }

    private int ingest() {
        return cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", out.toString());
    }

    private String filesCsv() {
        return DataSets.read(out.resolve("2026-10/ingest/files.csv"));
    }

    private String rejectsCsv() {
        return DataSets.read(out.resolve("2026-10/ingest/rejects.csv"));
    }

    private List<List<String>> billingLines() {
        return Sql.rows(cli.databaseUrl(), "SELECT line_id, sub_account_id, charge_type, category, billing_method,"
                + " payable_amount, paid_amount, currency, paid, order_id, file, row_no FROM billing_line ORDER BY line_id");
    }

    @Test
    void ingestsEveryFormatOnPostgres() {
        setUp("basic", TestDatabases.newPostgres());
        ingestsEveryFormat();
    }

    @Test
    void ingestsEveryFormatOnH2() {
        setUp("basic", TestDatabases.newH2(work.resolve("h2")));
        ingestsEveryFormat();
    }

    private void ingestsEveryFormat() {
        assertThat(ingest()).isEqualTo(ResettleCommandLine.OK);
        assertThat(filesCsv()).isEqualTo("""
                file,sha256,format,encoding,rows,accepted,rejected,status,payable_total
                exports/2026-10/a-bill.csv,%s,alibaba-bill,UTF-8,6,6,0,ACCEPTED,200910.62
                exports/2026-10/b-console.csv,%s,alibaba-console,GB18030,3,3,0,ACCEPTED,1100.50
                exports/2026-10/c-focus.csv,%s,focus,UTF-8,5,5,0,ACCEPTED,286.34
                """.formatted(sha("a-bill.csv"), sha("b-console.csv"), sha("c-focus.csv")));
        assertThat(rejectsCsv()).isEqualTo("file,row,reason,raw\n");
        List<List<String>> lines = billingLines();
        assertThat(lines).hasSize(14);
        assertThat(lines).contains(
                List.of("R1", "A", "NEW", "COMPUTE", "PREPAID", "120000", "120000", "CNY", "true", "SO-1", "exports/2026-10/a-bill.csv", "1"),
                List.of("R2", "B", "RENEWAL", "SECURITY", "PREPAID", "60000.00000000001", "60000", "CNY", "true", "O-2", "exports/2026-10/a-bill.csv", "2"),
                List.of("R3", "A", "UPGRADE", "DATABASE", "PREPAID", "900.5", "900.5", "CNY", "true", "SO-3", "exports/2026-10/a-bill.csv", "3"),
                List.of("R4", "C", "USAGE", "STORAGE", "POSTPAID", "25000.123456", "25000.123456", "CNY", "true", "null", "exports/2026-10/a-bill.csv", "4"),
                List.of("R5", "C", "REFUND", "STORAGE", "POSTPAID", "-5000", "-5000", "CNY", "true", "O-5", "exports/2026-10/a-bill.csv", "5"),
                List.of("R6", "A", "NEW", "COMPUTE", "PREPAID", "10", "0", "CNY", "false", "SO-6", "exports/2026-10/a-bill.csv", "6"),
                List.of("F3", "A", "CREDIT", "COMPUTE", "POSTPAID", "-50", "-50", "CNY", "true", "null", "exports/2026-10/c-focus.csv", "3"),
                List.of("F5", "A", "REFUND", "COMPUTE", "PREPAID", "-100", "-100", "CNY", "true", "INV-9", "exports/2026-10/c-focus.csv", "5"));
        assertThat(lines).filteredOn(l -> l.get(1).equals("D"))
                .singleElement().satisfies(l -> assertThat(l.subList(2, 8))
                        .containsExactly("USAGE", "NETWORK", "POSTPAID", "300.5", "300.5", "CNY"));
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM sub_account")).isEqualTo("5");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT implicit_group FROM customer_group WHERE group_id = 'D'")).isEqualTo("true");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT payable FROM vendor_statement WHERE sub_account_id = 'A'")).isEqualTo("121234.5");
    }

    /**
     * A file's payable total is the sum of its lines as stored: two amounts with a 13th decimal of 5
     * are each kept rounded up to 12 decimals, so their total is 1E-12 more than the sum of the
     * amounts as written (the file's chunks add them up as they are written).
     */
    @Test
    void aFilesPayableTotalIsTheSumOfItsStoredLines() throws Exception {
        setUp("basic", TestDatabases.newPostgres());
        Path bill = data.resolve("exports/2026-10/a-bill.csv");
        Files.writeString(bill, Files.readString(bill).replace(",60000.00000000001,", ",60000.0000000000005,")
                .replace(",1000,900.5,", ",1000,900.5000000000005,"));

        assertThat(ingest()).isZero();
        assertThat(Sql.value(cli.databaseUrl(), "SELECT payable_total FROM ingest_file WHERE file = 'exports/2026-10/a-bill.csv'"))
                .isEqualTo(Sql.value(cli.databaseUrl(), "SELECT SUM(payable_amount) FROM staged_line"
                        + " WHERE file = 'exports/2026-10/a-bill.csv'"))
                .isEqualTo("200910.623456000002");
    }

    /** A row's xmin changes only when the row is written: the second ingest writes the one changed account. */
    @Test
    void aReingestWritesOnlyTheMasterDataRowsThatChanged() throws Exception {
        setUp("basic", TestDatabases.newPostgres());
        assertThat(ingest()).isZero();
        String accountVersions = "SELECT sub_account_id, xmin::text FROM sub_account ORDER BY sub_account_id";
        String groupVersions = "SELECT group_id, xmin::text FROM customer_group ORDER BY group_id";
        List<List<String>> accountsBefore = Sql.rows(cli.databaseUrl(), accountVersions);
        List<List<String>> groupsBefore = Sql.rows(cli.databaseUrl(), groupVersions);
        Path accounts = data.resolve("accounts.csv");
        Files.writeString(accounts, Files.readString(accounts).replace("A,Alpha,G1,PRIMARY,Alpha Co,",
                "A,Alpha,G1,PRIMARY,Alpha Holdings,"));

        assertThat(ingest()).isZero();
        List<List<String>> accountsAfter = Sql.rows(cli.databaseUrl(), accountVersions);
        assertThat(accountsAfter.get(0).get(0)).isEqualTo("A");
        assertThat(accountsAfter.get(0).get(1)).isNotEqualTo(accountsBefore.get(0).get(1));
        assertThat(accountsAfter.subList(1, accountsAfter.size()))
                .isEqualTo(accountsBefore.subList(1, accountsBefore.size())).isNotEmpty();
        assertThat(Sql.rows(cli.databaseUrl(), groupVersions)).isEqualTo(groupsBefore);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT invoice_title FROM sub_account WHERE sub_account_id = 'A'"))
                .isEqualTo("Alpha Holdings");
    }

    @Test
    void reingestingTheSameContentChangesNothing_R2_7() {
        setUp("basic", TestDatabases.newPostgres());
        assertThat(ingest()).isZero();
        List<List<String>> before = billingLines();
        String rejectsBefore = rejectsCsv();
        long staged = Long.parseLong(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM staged_line"));

        assertThat(ingest()).isZero();
        assertThat(billingLines()).isEqualTo(before);
        assertThat(rejectsCsv()).isEqualTo(rejectsBefore);
        assertThat(Long.parseLong(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM staged_line"))).isEqualTo(staged);
        assertThat(filesCsv()).contains(",UNCHANGED,").doesNotContain(",ACCEPTED,");
        String second = filesCsv();
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).isEqualTo(second);
    }

    // Both take the ranking path of the rebuild (two accepted files share a line id) after the
    // plain copy stopped at the primary key: on PostgreSQL and on H2.
    @Test
    void aLaterFileCorrectsALineById_R2_7() throws Exception {
        aLaterFileCorrectsALineById(TestDatabases.newPostgres());
    }

    @Test
    void aLaterFileCorrectsALineByIdOnH2_R2_7() throws Exception {
        aLaterFileCorrectsALineById(TestDatabases.newH2(work.resolve("h2")));
    }

    private void aLaterFileCorrectsALineById(String databaseUrl) throws Exception {
        ingestACorrectionOfR1(databaseUrl, "exports/2026-10/z-correction.csv", "119000.00");
        assertThat(filesCsv()).contains("exports/2026-10/a-bill.csv,").contains(",UNCHANGED,200910.62")
                .contains("exports/2026-10/z-correction.csv,").contains(",1,1,0,ACCEPTED,119000.00");
    }

    /** Ingests the basic set, then again with R1 corrected in {@code file}; R1 must come from that file. */
    private void ingestACorrectionOfR1(String databaseUrl, String file, String amount) throws Exception {
        setUp("basic", databaseUrl);
        assertThat(ingest()).isZero();
        Files.writeString(data.resolve(file), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,OrderType,PretaxAmount,Currency,PaymentTime,Status
                R1,2026-10,A,ecs,Subscription,SubscriptionOrder,New,%s,CNY,2026-10-03T14:05:00,PayFinish
                """.formatted(amount));
        assertThat(ingest()).isZero();
        assertThat(billingLines()).hasSize(14);
        List<List<String>> r1 = Sql.rows(cli.databaseUrl(), "SELECT payable_amount, file FROM billing_line WHERE line_id = 'R1'");
        assertThat(r1).hasSize(1);
        assertThat(new BigDecimal(r1.get(0).get(0))).isEqualByComparingTo(amount);
        assertThat(r1.get(0).get(1)).isEqualTo(file);
    }

    @Test
    void withinOneRunTheLaterPathWins_R2_7() throws Exception {
        withinOneRunTheLaterPathWins(TestDatabases.newPostgres());
    }

    @Test
    void withinOneRunTheLaterPathWinsOnH2_R2_7() throws Exception {
        withinOneRunTheLaterPathWins(TestDatabases.newH2(work.resolve("h2")));
    }

    private void withinOneRunTheLaterPathWins(String databaseUrl) throws Exception {
        setUp("basic", databaseUrl);
        Files.writeString(data.resolve("exports/2026-10/0-first.csv"), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency
                R2,2026-10,B,waf,Subscription,SubscriptionOrder,1.00,CNY
                """);
        assertThat(ingest()).isZero();
        assertThat(new BigDecimal(Sql.value(cli.databaseUrl(), "SELECT payable_amount FROM billing_line WHERE line_id = 'R2'")))
                .isEqualByComparingTo("60000.00000000001");
        assertThat(billingLines()).hasSize(14);
    }

    @Test
    void aLaterIngestWinsOverAnEarlierPath_R2_7() throws Exception {
        aLaterIngestWinsOverAnEarlierPath(TestDatabases.newPostgres());
    }

    @Test
    void aLaterIngestWinsOverAnEarlierPathOnH2_R2_7() throws Exception {
        aLaterIngestWinsOverAnEarlierPath(TestDatabases.newH2(work.resolve("h2")));
    }

    /** A correction ingested later in a file whose path sorts first: the generation decides, not the path. */
    private void aLaterIngestWinsOverAnEarlierPath(String databaseUrl) throws Exception {
        ingestACorrectionOfR1(databaseUrl, "exports/2026-10/0-correction.csv", "118000.00");
    }

    @Test
    void everyRejectReasonIsReportedWithFileRowAndRawText_R2_5() throws Exception {
        setUp("basic", TestDatabases.newPostgres());
        Path exports = data.resolve("exports/2026-10");
        Files.writeString(exports.resolve("d-bad-rows.csv"), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency,PaymentTime
                X1,2026-10,A,ecs,Subscription,SubscriptionOrder,12.3x,CNY,
                X2,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,2026-10-32
                X3,2026-10,NOBODY,ecs,Subscription,SubscriptionOrder,10.00,CNY,
                X4,2026-10,E,ecs,Subscription,SubscriptionOrder,10.00,CNY,
                X5,2026-09,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,
                X6,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,USD,
                X7,2026-10,A,ecs,Monthly,SubscriptionOrder,10.00,CNY,
                X8,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,
                X8,2026-10,A,ecs,Subscription,SubscriptionOrder,11.00,CNY,
                X9,2026-10,A,"=cmd|' /C calc'!A0",Subscription,SubscriptionOrder,10.00,CNY,
                X10,2026-10,B,ecs,Subscription,SubscriptionOrder,20.00,CNY,
                """);
        Files.writeString(exports.resolve("e-unknown.csv"), "date,amount\n2026-10-01,5\n");
        Files.writeString(exports.resolve("f-missing.csv"), "RecordID,BillingCycle,ProductCode,SubscriptionType,Item,Currency\nR9,2026-10,ecs,Subscription,SubscriptionOrder,CNY\n");
        Files.write(exports.resolve("g-binary.csv"), new byte[] {'a', ',', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, '\n', 'b', '\n'});
        writePolicyRatio("0.9");

        assertThat(ingest()).isZero();
        assertThat(rejectsCsv()).isEqualTo("""
                file,row,reason,raw
                exports/2026-10/d-bad-rows.csv,1,BAD_NUMBER,"X1,2026-10,A,ecs,Subscription,SubscriptionOrder,12.3x,CNY,"
                exports/2026-10/d-bad-rows.csv,2,BAD_DATE,"X2,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,2026-10-32"
                exports/2026-10/d-bad-rows.csv,3,UNKNOWN_SUB_ACCOUNT,"X3,2026-10,NOBODY,ecs,Subscription,SubscriptionOrder,10.00,CNY,"
                exports/2026-10/d-bad-rows.csv,4,NOT_ASSOCIATED_IN_PERIOD,"X4,2026-10,E,ecs,Subscription,SubscriptionOrder,10.00,CNY,"
                exports/2026-10/d-bad-rows.csv,5,PERIOD_MISMATCH,"X5,2026-09,A,ecs,Subscription,SubscriptionOrder,10.00,CNY,"
                exports/2026-10/d-bad-rows.csv,6,CURRENCY_MISMATCH,"X6,2026-10,A,ecs,Subscription,SubscriptionOrder,10.00,USD,"
                exports/2026-10/d-bad-rows.csv,7,BAD_VALUE,"X7,2026-10,A,ecs,Monthly,SubscriptionOrder,10.00,CNY,"
                exports/2026-10/d-bad-rows.csv,9,DUPLICATE_LINE,"X8,2026-10,A,ecs,Subscription,SubscriptionOrder,11.00,CNY,"
                exports/2026-10/e-unknown.csv,0,UNKNOWN_FORMAT,"the header matches no export format; the closest is alibaba-console (formats/alibaba-console.yml), which needs Owner账号ID or Owner账号 or 账号ID, 消费类型, 应付金额 | header: date,amount"
                exports/2026-10/f-missing.csv,0,MISSING_COLUMN,"alibaba-bill export missing column(s): OwnerID or AccountID, PretaxAmount | header: RecordID,BillingCycle,ProductCode,SubscriptionType,Item,Currency"
                exports/2026-10/g-binary.csv,0,UNREADABLE_ENCODING,the file is neither UTF-8 (with or without BOM) nor GB18030/GBK
                """);
        assertThat(filesCsv())
                .contains("exports/2026-10/d-bad-rows.csv," + sha("d-bad-rows.csv") + ",alibaba-bill,UTF-8,11,3,8,ACCEPTED,40.00\n")
                .contains("exports/2026-10/e-unknown.csv," + sha("e-unknown.csv") + ",,UTF-8,1,0,1,REJECTED,0.00\n")
                .contains("exports/2026-10/f-missing.csv," + sha("f-missing.csv") + ",alibaba-bill,UTF-8,1,0,1,REJECTED,0.00\n")
                .contains("exports/2026-10/g-binary.csv," + sha("g-binary.csv") + ",,,1,0,1,REJECTED,0.00\n");
        assertThat(Sql.rows(cli.databaseUrl(), "SELECT line_id, product_code FROM billing_line WHERE file LIKE '%d-bad-rows.csv' ORDER BY line_id"))
                .containsExactly(List.of("X10", "ecs"), List.of("X8", "ecs"), List.of("X9", "=cmd|' /C calc'!A0"));
    }

    @Test
    void aFileWithTooManyRejectsIsQuarantinedUntilReplaced_R2_6() throws Exception {
        setUp("basic", TestDatabases.newPostgres());
        Path bad = data.resolve("exports/2026-10/d-mostly-bad.csv");
        Files.writeString(bad, """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency
                Q1,2026-10,A,ecs,Subscription,SubscriptionOrder,100.00,CNY
                Q2,2026-10,A,ecs,Subscription,SubscriptionOrder,oops,CNY
                Q3,2026-10,NOBODY,ecs,Subscription,SubscriptionOrder,5.00,CNY
                """);
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",alibaba-bill,UTF-8,3,1,2,QUARANTINED,100.00\n");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line WHERE line_id = 'Q1'")).isEqualTo("0");
        assertThat(rejectsCsv()).contains("d-mostly-bad.csv,2,BAD_NUMBER").contains("d-mostly-bad.csv,3,UNKNOWN_SUB_ACCOUNT");

        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",3,1,2,QUARANTINED,100.00\n");

        Files.writeString(bad, """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency
                Q1,2026-10,A,ecs,Subscription,SubscriptionOrder,100.00,CNY
                Q2,2026-10,A,ecs,Subscription,SubscriptionOrder,7.00,CNY
                """);
        assertThat(ingest()).isZero();
        assertThat(filesCsv()).contains(",alibaba-bill,UTF-8,2,2,0,ACCEPTED,107.00\n");
        assertThat(rejectsCsv()).isEqualTo("file,row,reason,raw\n");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line WHERE line_id IN ('Q1', 'Q2')")).isEqualTo("2");
    }

    @Test
    void badMasterDataIsRefusedWholeAndNothingIsApplied() throws Exception {
        setUp("basic", TestDatabases.newPostgres());
        Files.writeString(data.resolve("accounts.csv"), DataSets.read(data.resolve("accounts.csv"))
                + "F,Phi,G7,MEMBER,,,CREDIT,CNY,2026-01,,AGENT,,,,,,\n");
        assertThat(ingest()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM sub_account")).isEqualTo("0");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line")).isEqualTo("0");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT exit_message FROM batch_job_execution"))
                .contains("accounts.csv row 6 (F): group_id G7 is not in groups.csv");
    }

    /**
     * The master data is written a slice of 10,000 rows at a time as it is read: a problem in the
     * last file, found after 12,000 sub-accounts had been read (their first slice written, 1,200 of
     * them renamed) and the agreements deleted, still leaves every table as the last accepted data
     * set left it, row versions included.
     */
    @Test
    void aDataSetRefusedAfterItsFirstSlicesWereWrittenLeavesEveryTableAsItWas() throws Exception {
        generate12000SubAccounts(TestDatabases.newPostgres());
        assertThat(ingest()).isZero();
        Map<String, String> tables = Map.of(
                "sub_account", "SELECT sub_account_id, sub_account_name, xmin::text FROM sub_account ORDER BY 1",
                "customer_group", "SELECT group_id, xmin::text FROM customer_group ORDER BY 1",
                "agreement", "SELECT agreement_id, xmin::text FROM agreement ORDER BY 1",
                "allocation", "SELECT sub_account_id, reference, amount, xmin::text FROM allocation ORDER BY 1, 2",
                "referral_visit", "SELECT ambassador_id, sub_account_id, visited_at, xmin::text FROM referral_visit"
                        + " ORDER BY 1, 2, 3");
        Map<String, List<List<String>>> before = new java.util.HashMap<>();
        tables.forEach((table, query) -> before.put(table, Sql.rows(cli.databaseUrl(), query)));
        assertThat(before.get("sub_account")).hasSize(12_000)
                .anySatisfy(row -> assertThat(row.get(1)).endsWith("-main"));
        assertThat(before.get("agreement")).isNotEmpty();
        assertThat(before.get("referral_visit")).isNotEmpty();

        // The groups' PRIMARY accounts renamed (updates in every slice), then a visit of an unknown ambassador.
        Path accounts = data.resolve("accounts.csv");
        Files.writeString(accounts, Files.readString(accounts).replace("-main,", "-renamed,"));
        int lastRow = appendAVisitOfAnUnknownAmbassador(before.get("sub_account").get(11_999).get(0));

        assertRefusedNaming(lastRow);
        tables.forEach((table, query) -> assertThat(Sql.rows(cli.databaseUrl(), query)).as(table)
                .isEqualTo(before.get(table)));
    }

    /** A first data set refused at its last file leaves no master data, although slices were written. */
    @Test
    void aFirstDataSetRefusedAfterItsFirstSlicesWereWrittenLeavesNoMasterData() throws Exception {
        for (String databaseUrl : List.of(TestDatabases.newPostgres(), TestDatabases.newH2(work.resolve("h2")))) {
            generate12000SubAccounts(databaseUrl);
            int lastRow = appendAVisitOfAnUnknownAmbassador(
                    Files.readAllLines(data.resolve("accounts.csv")).get(1).split(",")[0]);

            assertRefusedNaming(lastRow);
            for (String table : List.of("customer_group", "sub_account", "agreement", "allocation", "ambassador",
                    "referral_visit")) {
                assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM " + table)).as(databaseUrl + " " + table)
                        .isEqualTo("0");
            }
        }
    }

    /**
     * A value the database refuses (a name longer than its column), met when the first slice is
     * written, does not hide the data set's problems: they are still all listed, as when nothing was
     * written before the whole data set had been checked.
     */
    @Test
    void aValueTheDatabaseRefusesDoesNotHideTheDataSetsProblems() throws Exception {
        generate12000SubAccounts(TestDatabases.newPostgres());
        Path accounts = data.resolve("accounts.csv");
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(accounts));
        String[] first = rows.get(1).split(",", 3);
        rows.set(1, first[0] + "," + "x".repeat(400) + "," + first[2]);
        Files.write(accounts, rows);
        int lastRow = appendAVisitOfAnUnknownAmbassador(first[0]);

        assertRefusedNaming(lastRow);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM sub_account")).isEqualTo("0");
    }

    private void generate12000SubAccounts(String databaseUrl) throws Exception {
        data = work.resolve("data");
        out = work.resolve("out");
        cli = new Cli(databaseUrl);
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        assertThat(ResettleCommandLine.run(new String[] {"generate", "--lines", "2000", "--groups", "1200",
                "--sub-accounts", "12000", "--period", "2026-10", "--out", data.toString()}, Map.of())).isZero();
    }

    /** Returns the number of the row it appends to referrals.csv. */
    private int appendAVisitOfAnUnknownAmbassador(String subAccountId) throws Exception {
        Path referrals = data.resolve("referrals.csv");
        Files.writeString(referrals, Files.readString(referrals) + "AMB-999," + subAccountId + ",2026-10-30T10:00:00\n");
        return Files.readAllLines(referrals).size() - 1;
    }

    private void assertRefusedNaming(int referralsRow) {
        assertThat(ingest()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT exit_message FROM batch_job_execution ORDER BY job_execution_id DESC"
                + " LIMIT 1")).contains("referrals.csv row " + referralsRow + " (AMB-999 → ").contains(
                        "ambassador_id AMB-999 is not in ambassadors.csv");
    }

    @Test
    void aFailureInTheMiddleOfAFileThenRestartGivesTheRowsOfARunThatNeverFailed_R11_4() throws Exception {
        Path generated = work.resolve("generated");
        io.resettle.generate.DataSetGenerator.generate(
                new io.resettle.generate.GeneratorOptions(5_500, 3, 9, 42), generated);
        Files.writeString(generated.resolve("exports/2026-10/bill-002.csv"), """
                RecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,PretaxAmount,Currency
                EXTRA-1,2026-10,NOBODY,ecs,Subscription,SubscriptionOrder,1.00,CNY
                """, StandardCharsets.UTF_8);
        Path outA = work.resolve("out-a");
        Path outB = work.resolve("out-b");
        Cli interrupted = new Cli(TestDatabases.newPostgres());
        Cli uninterrupted = new Cli(TestDatabases.newPostgres());
        String[] args = {"ingest", "--period", "2026-10", "--data", generated.toString()};

        int failed = interrupted.run(Map.of("resettle.fault.fail-at-row", "3500", "resettle.fault.file", "bill-001.csv",
                        "resettle.ingest.chunk-size", "1000"),
                concat(args, "--out", outA.toString()));
        assertThat(failed).isEqualTo(ResettleCommandLine.FAILED);
        String executionId = Sql.value(interrupted.databaseUrl(), "SELECT job_execution_id FROM batch_job_execution WHERE status = 'FAILED'");
        assertThat(Sql.value(interrupted.databaseUrl(), "SELECT COUNT(*) FROM staged_line")).isEqualTo("3000");
        assertThat(interrupted.run("restart", "--execution", executionId)).isZero();

        assertThat(uninterrupted.run(concat(args, "--out", outB.toString()))).isZero();
        for (String table : List.of(
                "SELECT * FROM billing_line ORDER BY line_id",
                "SELECT period, file, row_no, reason, detail, raw FROM ingest_reject ORDER BY file, row_no",
                "SELECT period, file, sha256, format, encoding, row_count, accepted, rejected, status, payable_total FROM ingest_file ORDER BY file")) {
            assertThat(Sql.rows(interrupted.databaseUrl(), table)).as(table).isEqualTo(Sql.rows(uninterrupted.databaseUrl(), table));
        }
        assertThat(Sql.value(interrupted.databaseUrl(), "SELECT COUNT(*) FROM billing_line")).isEqualTo("5500");
        assertThat(Files.readAllBytes(outA.resolve("2026-10/ingest/files.csv")))
                .isEqualTo(Files.readAllBytes(outB.resolve("2026-10/ingest/files.csv")));
        assertThat(Files.readAllBytes(outA.resolve("2026-10/ingest/rejects.csv")))
                .isEqualTo(Files.readAllBytes(outB.resolve("2026-10/ingest/rejects.csv")));
    }

    private void writePolicyRatio(String ratio) throws Exception {
        Path policy = data.resolve("policies/2026-01.yml");
        Files.writeString(policy, DataSets.read(policy).replace("max_reject_ratio: 0.5", "max_reject_ratio: " + ratio));
    }

    private String sha(String exportFile) {
        return io.resettle.support.Hashing.sha256(data.resolve("exports/2026-10").resolve(exportFile));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
