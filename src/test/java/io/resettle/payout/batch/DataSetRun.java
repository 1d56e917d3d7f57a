package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A copy of a test data set, settled by the real command line on a fresh PostgreSQL database: what
 * the payout job tests share (change the copy, run {@code demo}, read a revision's files).
 */
final class DataSetRun {

    static final String BILL_HEADER = "RecordID,RelatedRecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,"
            + "OrderType,PretaxAmount,Currency,PaymentTime,Status\n";

    static final String ITEMS_HEADER = StagedPayoutJobIT.ITEMS_HEADER;
    static final String PAYOUTS_HEADER = StagedPayoutJobIT.PAYOUTS_HEADER;
    /** After {@code PO-{period}-}: the rest of AMB1's payout id and its payee columns (the r9/r10 data sets). */
    static final String AMB1 = "AMBASSADOR-AMB1,AMBASSADOR,AMB1,";
    static final String AMB1_PAYEE = AMB1 + "Ambassador One,ALIPAY 0001,";

    final Path work;
    final Path data;
    final Path out;
    final Cli cli;

    DataSetRun(String dataSet, Path work) {
        this(DataSets.copy(dataSet, work.resolve("data")), work);
    }

    /** A data set already in {@code data} (sample data, a generated one). */
    DataSetRun(Path data, Path work) {
        this.work = work;
        this.data = data;
        this.out = work.resolve("out");
        this.cli = new Cli(TestDatabases.newPostgres());
    }

    /** Ingests and settles every period of the data set not settled yet. */
    void demo() {
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();
    }

    /** Ingests P again (new master data, new files) and settles it as revision n + 1; the exit code. */
    int ingestAndRerun(String period) {
        assertThat(cli.run("ingest", "--period", period, "--data", data.toString(), "--out", out.toString())).isZero();
        return cli.run("settle", "--period", period, "--rerun", "--out", out.toString());
    }

    /** Settles P again with the data as ingested (revision n + 1); the exit code. */
    int rerun(String period) {
        return cli.run("settle", "--period", period, "--rerun", "--out", out.toString());
    }

    String file(String period, int revision, String name) {
        return DataSets.read(out.resolve(period).resolve("r" + revision).resolve(name));
    }

    String file(String period, String name) {
        return file(period, 1, name);
    }

    /** The rows of a revision's file for one payee (payee_id is the third column of both payout files). */
    String rowsOf(String period, int revision, String name, String payeeId) {
        return file(period, revision, name).lines().filter(line -> line.split(",", -1)[2].equals(payeeId))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    void write(String relative, String text) {
        try {
            Path file = data.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(String relative, String lines) {
        write(relative, DataSets.read(data.resolve(relative)) + lines);
    }

    void replace(String relative, String from, String to) {
        String text = DataSets.read(data.resolve(relative));
        assertThat(text).contains(from);
        write(relative, text.replace(from, to));
    }

    /** Moves a period's exports set aside by {@link #setAside} back into the data set. */
    void bringBack(String period) {
        try {
            Files.move(work.resolve("aside-" + period), data.resolve("exports").resolve(period));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a period's exports out of the data set, to settle the earlier periods alone. */
    void setAside(String period) {
        try {
            Files.move(data.resolve("exports").resolve(period), work.resolve("aside-" + period));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
