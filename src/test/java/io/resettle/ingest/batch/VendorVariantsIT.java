package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Hashing;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every variant of io-contract §2 in the vendors' documented columns (datasets/vendor-variants,
 * its README lists them) ingested end to end on PostgreSQL and H2: counts, totals, line ids,
 * charge types, billing methods and UTC times; a FOCUS ContractCommitment file IGNORED; a rejected
 * row's raw text exactly as written; a file of another vendor rejected naming the closest format,
 * then read once the data set brings a definition for it; a broken definition refused.
 */
class VendorVariantsIT {

    @TempDir
    Path work;

    private Path data;
    private Path out;
    private Cli cli;

    private void setUp(String databaseUrl) {
        data = DataSets.copy("vendor-variants", work.resolve("data"));
        out = work.resolve("out");
        cli = new Cli(databaseUrl);
    }

    private int ingest() {
        return cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", out.toString());
    }

    /** Runs the ingest (exit OK) and returns what it printed. */
    private String ingestSummary() {
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(ingest()).isEqualTo(ResettleCommandLine.OK);
        } finally {
            System.setOut(console);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        console.print(text);
        return text;
    }

    private String sha(String file) {
        return Hashing.sha256(data.resolve("exports/2026-10").resolve(file));
    }

    /** line_id, sub-account, charge type, category, billing method, payable, paid amount, paid, order id, related line id, payment time, usage start. */
    private String lines(String file) {
        return Sql.rows(cli.databaseUrl(), "SELECT line_id, sub_account_id, charge_type, category, billing_method,"
                        + " payable_amount, paid_amount, paid, order_id, related_line_id, payment_time, usage_start FROM billing_line"
                        + " WHERE file = 'exports/2026-10/" + file + "' ORDER BY line_id").stream()
                .map(row -> row.stream().map(VendorVariantsIT::plain).collect(Collectors.joining(" | ")))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Timestamps as {@code 2026-10-01 00:30:00} on both databases. */
    private static String plain(String value) {
        return value.matches("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d)?(\\.0+)?")
                ? value.replace('T', ' ').replaceAll("\\.0+$", "") + (value.length() == 16 ? ":00" : "") : value;
    }

    @Test
    void everyVariantOnPostgres() {
        setUp(TestDatabases.newPostgres());
        everyVariant();
    }

    @Test
    void everyVariantOnH2() {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        everyVariant();
    }

    private void everyVariant() {
        assertThat(ingest()).isEqualTo(ResettleCommandLine.OK);
        assertThat(DataSets.read(out.resolve("2026-10/ingest/files.csv"))).isEqualTo("""
                file,sha256,format,encoding,rows,accepted,rejected,status,payable_total
                exports/2026-10/a-oss-bill.csv,%s,alibaba-console,GB18030,7,6,1,ACCEPTED,1296.00
                exports/2026-10/b-bill-flow.csv,%s,alibaba-console,UTF-8-BOM,2,2,0,ACCEPTED,2030.25
                exports/2026-10/c-detail-daily.csv,%s,alibaba-console,UTF-8,4,4,0,ACCEPTED,-12.80
                exports/2026-10/d-instance-bill.csv,%s,alibaba-bill,UTF-8,5,4,1,ACCEPTED,199.75
                exports/2026-10/e-split-items.csv,%s,alibaba-bill,UTF-8,2,2,0,ACCEPTED,15.30
                exports/2026-10/f-focus-1.0.csv,%s,focus,UTF-8,2,2,0,ACCEPTED,90.00
                exports/2026-10/g-focus-1.2.csv,%s,focus,UTF-8,3,3,0,ACCEPTED,274.00
                exports/2026-10/h-focus-1.3-cost.csv,%s,focus,UTF-8,1,1,0,ACCEPTED,7.77
                exports/2026-10/i-focus-1.3-commitments.csv,%s,focus/ContractCommitment,UTF-8,2,0,0,IGNORED,0.00
                """.formatted(sha("a-oss-bill.csv"), sha("b-bill-flow.csv"), sha("c-detail-daily.csv"),
                sha("d-instance-bill.csv"), sha("e-split-items.csv"), sha("f-focus-1.0.csv"), sha("g-focus-1.2.csv"),
                sha("h-focus-1.3-cost.csv"), sha("i-focus-1.3-commitments.csv")));
        // The raw text exactly as the OSS bill has it (quotes, NULL), decoded from GB18030, without the CRLF.
        assertThat(DataSets.read(out.resolve("2026-10/ingest/rejects.csv"))).isEqualTo("""
                file,row,reason,raw
                exports/2026-10/a-oss-bill.csv,7,UNKNOWN_SUB_ACCOUNT,"2026-10,1001,master@corp.example,,unknown@corp.example,""云服务器 ECS, 包年包月"",ecs,预付费,预付订单,新购,211000000007,,NULL,2026-10-26 10:00:00,10.00,0.00,10.00,10.00,0,CNY"
                exports/2026-10/d-instance-bill.csv,5,DUPLICATE_LINE,"2026-10,B-200,D,cdn,PayAsYouGo,PayAsYouGoBill,,cdn-1,57.00,57.00,57.00,CNY,2026-11-01 02:00:00,PayFinish"
                """);

        // 消费类型 gives the billing method, 账单类型 the charge type; 计费方式 (其它, 月95, 日均峰值) is not used.
        // Times are China Standard Time, stored in UTC: 2026-10-01 07:59:59 CST is September's last second.
        assertThat(lines("a-oss-bill.csv")).isEqualTo("""
                211000000001 | A | NEW | COMPUTE | PREPAID | 1000 | 1000 | true | 211000000001 | null | 2026-10-01 00:30:00 | null
                211000000002 | A | RENEWAL | COMPUTE | PREPAID | 500 | 500 | true | 211000000002 | null | 2026-09-30 23:59:59 | null
                211000000003 | B | USAGE | NETWORK | POSTPAID | 88.88 | 88.88 | true | null | null | 2026-10-31 15:00:00 | null
                211000000004 | B | USAGE | NETWORK | POSTPAID | 12.12 | 0 | false | null | null | 2026-10-15 04:00:00 | null
                211000000005 | A | REFUND | COMPUTE | PREPAID | -300 | -300 | true | 211000000005 | 211000000001 | 2026-10-20 02:00:00 | null
                211000000006 | B | ADJUSTMENT | STORAGE | POSTPAID | -5 | -5 | true | null | null | 2026-10-25 02:00:00 | null
                """);
        // Owners named only by Owner账号, matched to accounts.csv vendor_login in any letter case.
        assertThat(lines("b-bill-flow.csv")).isEqualTo("""
                222000000001 | B | NEW | SECURITY | PREPAID | 2000 | 2000 | true | 222000000001 | null | 2026-10-05 02:00:00 | null
                222000000002 | A | USAGE | STORAGE | POSTPAID | 30.25 | 30.25 | true | null | null | 2026-10-06 02:00:00 | null
                """);
        // No 账单类型, no 订单号/账单号: line id = 实例ID/计费项/日期, charge type from the billing method and the sign.
        assertThat(lines("c-detail-daily.csv")).isEqualTo("""
                cn-hangzhou;standard/Storage/20261005 | C | USAGE | STORAGE | POSTPAID | 3.15 | 3.15 | true | null | null | null | 2026-10-04 16:00:00
                cn-hangzhou;standard/Storage/20261006 | C | USAGE | STORAGE | POSTPAID | 3.15 | 3.15 | true | null | null | null | 2026-10-05 16:00:00
                cn-hangzhou;standard/Traffic/20261005 | C | USAGE | STORAGE | POSTPAID | 0.9 | 0.9 | true | null | null | null | 2026-10-04 16:00:00
                i-bp1abc/实例规格/20261006 | C | REFUND | COMPUTE | PREPAID | -20 | -20 | true | null | null | null | 2026-10-05 16:00:00
                """);
        // One order buying two instances, one bill covering two: all four kept (199.75, not 102.50).
        assertThat(lines("d-instance-bill.csv")).isEqualTo("""
                B-200/bucket-1 | D | USAGE | STORAGE | POSTPAID | 40.25 | 40.25 | true | null | null | 2026-10-31 18:00:00 | null
                B-200/cdn-1 | D | USAGE | NETWORK | POSTPAID | 57 | 57 | true | null | null | 2026-10-31 18:00:00 | null
                O-100/i-1 | D | NEW | COMPUTE | PREPAID | 50 | 50 | true | O-100 | null | 2026-10-02 01:00:00 | null
                O-100/i-2 | D | NEW | COMPUTE | PREPAID | 52.5 | 52.5 | true | O-100 | null | 2026-10-02 01:00:00 | null
                """);
        // No RecordID, no BillingCycle: SplitItemID qualified by InstanceID, the period from the export folder.
        assertThat(lines("e-split-items.csv")).isEqualTo("""
                S-1/oss-hz | C | USAGE | STORAGE | POSTPAID | 10.8 | 10.8 | true | null | null | null | 2026-09-30 16:00:00
                S-2/oss-hz | C | USAGE | STORAGE | POSTPAID | 4.5 | 4.5 | true | null | null | null | 2026-09-30 16:00:00
                """);
        // FOCUS times are UTC, with or without a zone.
        assertThat(lines("f-focus-1.0.csv").lines().map(l -> l.substring(l.indexOf(" | ")))).containsExactlyInAnyOrder(
                " | A | USAGE | COMPUTE | POSTPAID | 100 | 100 | true | null | null | 2026-10-02 00:00:00 | 2026-10-02 00:00:00",
                " | A | CREDIT | COMPUTE | POSTPAID | -10 | -10 | true | null | null | 2026-10-03 00:00:00 | 2026-10-03 00:00:00");
        assertThat(lines("g-focus-1.2.csv")).isEqualTo("""
                L-1 | B | NEW | SECURITY | PREPAID | 300 | 300 | true | INV-1 | null | 2026-10-05 00:00:00 | 2026-10-05 00:00:00
                L-2 | B | REFUND | SECURITY | PREPAID | -50 | -50 | true | INV-1 | null | 2026-10-05 00:00:00 | 2026-10-05 00:00:00
                L-3 | B | TAX | SECURITY | POSTPAID | 24 | 24 | true | INV-1 | null | 2026-10-01 00:00:00 | 2026-10-01 00:00:00
                """);
        assertThat(lines("h-focus-1.3-cost.csv")).endsWith(
                " | D | USAGE | NETWORK | POSTPAID | 7.77 | 7.77 | true | null | null | 2026-10-07 00:00:00 | 2026-10-07 00:00:00\n");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line")).isEqualTo("24");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line WHERE file LIKE '%commitments%'")).isEqualTo("0");
    }

    static final String HUAWEI_HEADER = "Bill Cycle,Bill ID,Account ID,Service Type Code,Billing Mode,Bill Type,"
            + "Expenditure Amount,Currency,Transaction Time\n";

    @Test
    void aFileOfAnotherVendorIsRejectedNamingTheClosestFormatThenReadWithTheDataSetsOwnDefinition() throws Exception {
        setUp(TestDatabases.newPostgres());
        Path huawei = data.resolve("exports/2026-10/j-huawei.csv");
        Files.writeString(huawei, HUAWEI_HEADER
                + "2026-10,HW-1,A,ecs,Yearly/Monthly,New Purchase,88.00,CNY,2026/10/07 09:30:00\n"
                + "2026-10,HW-2,B,waf,Pay-per-use,Consumption,12.00,CNY,2026/10/08 09:30:00\n");
        String summary = ingestSummary();
        assertThat(DataSets.read(out.resolve("2026-10/ingest/files.csv")))
                .contains("exports/2026-10/j-huawei.csv," + sha("j-huawei.csv") + ",,UTF-8,2,0,2,REJECTED,0.00\n");
        // The summary names the definition of each file, the closest one of a file none reads, and IGNORED files.
        assertThat(summary)
                .containsPattern("exports/2026-10/d-instance-bill.csv +alibaba-bill ")
                .containsPattern("exports/2026-10/a-oss-bill.csv +alibaba-console +GB18030 ")
                .contains("REJECTED exports/2026-10/j-huawei.csv: UNKNOWN_FORMAT (the header matches no export format;"
                        + " the closest is alibaba-console (formats/alibaba-console.yml), which needs Owner账号ID or Owner账号"
                        + " or 账号ID, 消费类型, 应付金额)")
                .contains("IGNORED exports/2026-10/i-focus-1.3-commitments.csv: recognised as focus/ContractCommitment,"
                        + " not billing lines; counted nowhere");
        assertThat(DataSets.read(out.resolve("2026-10/ingest/rejects.csv")))
                .contains("exports/2026-10/j-huawei.csv,0,UNKNOWN_FORMAT,\"the header matches no export format; the closest is alibaba-console");

        Files.createDirectories(data.resolve("formats"));
        Files.writeString(data.resolve("formats/huawei.yml"), io.resettle.ingest.ExportFormatsTest.HUAWEI);
        assertThat(ingestSummary()).containsPattern("exports/2026-10/j-huawei.csv +huawei-bill +UTF-8 ");
        assertThat(DataSets.read(out.resolve("2026-10/ingest/files.csv")))
                .contains("exports/2026-10/j-huawei.csv," + sha("j-huawei.csv") + ",huawei-bill,UTF-8,2,2,0,ACCEPTED,100.00\n");
        assertThat(lines("j-huawei.csv")).isEqualTo("""
                HW-1 | A | NEW | COMPUTE | PREPAID | 88 | 88 | true | null | null | 2026-10-07 01:30:00 | null
                HW-2 | B | USAGE | SECURITY | POSTPAID | 12 | 12 | true | null | null | 2026-10-08 01:30:00 | null
                """);
    }

    @Test
    void aBrokenDefinitionIsRefusedBeforeAnyRowIsRead() throws Exception {
        setUp(TestDatabases.newH2(work.resolve("h2")));
        Files.createDirectories(data.resolve("formats"));
        Files.writeString(data.resolve("formats/huawei.yml"),
                io.resettle.ingest.ExportFormatsTest.HUAWEI.replace("time_zone: Asia/Shanghai", "time_zone: Mars/Olympus"));
        assertThat(ingest()).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT exit_message FROM batch_job_execution"))
                .contains("formats/huawei.yml: time_zone: 'Mars/Olympus' is not a time zone id");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM ingest_file")).isEqualTo("0");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line")).isEqualTo("0");
    }
}
