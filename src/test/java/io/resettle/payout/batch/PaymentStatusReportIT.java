package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, R12.4: a bank's pain.002 status report in statements/P/ gives the same payout returns,
 * and so the same payout run, as the equivalent payout-returns.csv rows. The report is
 * src/test/resources/pain002/icbc-20261009.pain.002.xml (on the sample data's 2026-09 pain.001 batch).
 */
class PaymentStatusReportIT {

    private static final String RETURNS_HEADER = "payout_id,status,amount,paid_at\n";
    private static final String AMB1_PAID = "PO-2026-09-AMBASSADOR-AMB1,PAID,600.00,2026-10-09T10:12:00\n";

    @TempDir
    Path work;

    private DataSetRun sampleData(String name) {
        Path data = work.resolve(name).resolve("data");
        DataSets.copyTree(Path.of("sample-data"), data);
        return new DataSetRun(data, work.resolve(name));
    }

    /**
     * The sample data's AMB2 payout (1,500.00 by bank transfer) rejected in a pain.002 is retried in
     * 2026-10 as its FAILED row in payout-returns.csv is; G-LX's ACSC without an amount is its PAID row of
     * the payout's net. Every file of 2026-10 and the stored returns are the same either way.
     */
    @Test
    void sampleData_aPain002RejectGivesTheRunTheEquivalentCsvRowsGive() throws IOException {
        DataSetRun byCsv = sampleData("csv");
        byCsv.write("statements/2026-10/payout-returns.csv", RETURNS_HEADER + AMB1_PAID
                + "PO-2026-09-AMBASSADOR-AMB2,FAILED,1500.00,\n"
                + "PO-2026-09-GROUP-G-LX,PAID,314.00,2026-10-08T02:00:00\n");
        DataSetRun byReport = sampleData("pain002");
        byReport.write("statements/2026-10/payout-returns.csv", RETURNS_HEADER + AMB1_PAID);
        byReport.write("statements/2026-10/icbc-20261009.pain.002.xml", report());

        byCsv.demo();
        String console = console(() -> {
            byReport.demo();
            return 0;
        });

        assertThat(byReport.file("2026-10", "payout-items.csv")).contains(
                "PO-2026-10-AMBASSADOR-AMB2,AMBASSADOR,AMB2,RETRY,PO-2026-09-AMBASSADOR-AMB2,2026-10,1500.00,PAID\n");
        assertThat(byReport.file("2026-10", "reconciliation.csv")).doesNotContain("payout_return");
        for (String file : files(byCsv.out.resolve("2026-10/r1"))) {
            assertThat(Files.readAllBytes(byReport.out.resolve("2026-10/r1").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(byCsv.out.resolve("2026-10/r1").resolve(file)));
        }
        // G-LX's return is stored without an amount (the report gives none): R12.4 takes the payout's net.
        String returns = "SELECT payout_id, status, paid_at FROM payout_return ORDER BY period, payout_id";
        assertThat(Sql.rows(byReport.cli.databaseUrl(), returns)).hasSize(3)
                .isEqualTo(Sql.rows(byCsv.cli.databaseUrl(), returns));
        assertThat(Sql.rows(byReport.cli.databaseUrl(), "SELECT amount, source FROM payout_return WHERE payout_id"
                + " = 'PO-2026-09-GROUP-G-LX'")).containsExactly(List.of("null",
                "statements/2026-10/icbc-20261009.pain.002.xml transaction 2 (PO-2026-09-GROUP-G-LX)"));
        assertThat(console).contains("  note statements/2026-10/icbc-20261009.pain.002.xml (pain.002.001.10"
                + " ICBC-PSR-20261009-0001 on RESETTLE-2026-09-R1): 2 transaction status(es), 1 PAID and 1 FAILED read"
                + " as payout returns\n");
    }

    /**
     * A report's return of an unknown payout is the break a CSV row gives (RerunJobIT), and the settle
     * summary names its file and transaction; a report and the CSV that disagree refuse the ingest.
     */
    @Test
    void aReportsReturnOfAnUnknownPayoutIsTheCsvRowsBreak_aDisagreementIsRefused() {
        DataSetRun run = new DataSetRun("r19-carried-clawback", work);
        run.write("statements/2026-08/bank.pain.002.xml", report()
                .replace("PO-2026-09-AMBASSADOR-AMB2", "PO-2026-07-AMBASSADOR-AMB9")
                .replace("<TxSts>RJCT</TxSts>", "<TxSts>ACSC</TxSts>").replace("1500.00", "10.00")
                .replaceAll("(?s)<TxInfAndSts>\\s*<StsId>ICBC-20261009-000118.*?</TxInfAndSts>", ""));
        run.setAside("2026-09");
        run.setAside("2026-10");
        run.setAside("2026-11");
        String console = console(() -> run.cli.run("demo", "--data", run.data.toString(), "--out", run.out.toString()));
        assertThat(run.file("2026-08", "reconciliation.csv"))
                .contains("payout_return,PO-2026-07-AMBASSADOR-AMB9,,10.00,,BREAK\n");
        assertThat(console).contains("  BREAK payout_return PO-2026-07-AMBASSADOR-AMB9: expected none, actual 10.00,"
                + " difference none; read from statements/2026-08/bank.pain.002.xml transaction 1"
                + " (PO-2026-07-AMBASSADOR-AMB9)\n");

        run.write("statements/2026-08/payout-returns.csv", RETURNS_HEADER
                + "PO-2026-07-AMBASSADOR-AMB9,FAILED,10.00,\n");
        String refused = console(() -> assertExit(ResettleCommandLine.REFUSED,
                run.cli.run("ingest", "--period", "2026-08", "--data", run.data.toString(), "--out", run.out.toString())));
        assertThat(refused).contains("statements/2026-08/payout-returns.csv row 1 (PO-2026-07-AMBASSADOR-AMB9) says FAILED"
                + " 10.00 but statements/2026-08/bank.pain.002.xml transaction 1 (PO-2026-07-AMBASSADOR-AMB9) says PAID"
                + " 10.00; correct or remove one of them");
    }

    private static int assertExit(int expected, int actual) {
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    private static String report() {
        return DataSets.read(Path.of("src/test/resources/pain002/icbc-20261009.pain.002.xml"));
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What a command printed (the ingest summary is on stdout; refusals on stderr). */
    private static String console(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            command.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print(bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
