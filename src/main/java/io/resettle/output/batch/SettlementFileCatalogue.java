package io.resettle.output.batch;

import static io.resettle.output.batch.OutputFile.amount;
import static io.resettle.output.batch.OutputFile.count;
import static io.resettle.output.batch.OutputFile.rate;
import static io.resettle.output.batch.OutputFile.text;
import static io.resettle.output.batch.OutputFile.timestamp;
import static io.resettle.output.batch.OutputFile.total;

import io.resettle.rebate.batch.RebateSliceFile;
import java.util.List;
import java.util.Optional;

/**
 * The CSV files of a revision (io-contract §3), in the order manifest.json lists them. Text columns
 * are sorted by code point: {@code COLLATE "C"} is left out where the database already sorts so
 * ({@link SettlementFileWriter}).
 */
final class SettlementFileCatalogue {

    /**
     * kind sorts as kind_order (InvoiceLineKind is declared in alphabetical order, tested). Sorted by
     * the database: the key leads with the line id, the order priceLines writes in (V47).
     */
    static final String INVOICE_LINES_SQL = """
            SELECT invoice_id, sub_account_id, line_id, kind, product_code, category, charge_type, payable,
                   discount_rate, discount, net, currency
              FROM invoice_line
             WHERE period = :period AND revision = :revision
             ORDER BY invoice_id COLLATE "C", kind, line_id COLLATE "C"
            """;

    /**
     * {@link #INVOICE_LINES_SQL} for PostgreSQL's COPY ({@link CsvCopyOut}): %1$s the file's cells
     * and then the totals' values.
     */
    static final String INVOICE_LINES_COPY = """
            SELECT %1$s
              FROM invoice_line s
             WHERE s.period = :period AND s.revision = :revision
             ORDER BY s.invoice_id COLLATE "C", s.kind, s.line_id COLLATE "C"
            """;

    static final String INVOICES_SQL = """
            SELECT invoice_id, sub_account_id, group_id, invoice_title, tax_id, settlement_mode, period, revision,
                   line_count, payable, discount, net, currency
              FROM invoice
             WHERE period = :period AND revision = :revision
             ORDER BY invoice_id COLLATE "C"
            """;

    /** R11.3: per invoice, what changed against the previous revision (new invoices from 0, gone ones to 0). */
    static final String ADJUSTMENTS_SQL = """
            SELECT invoice_id, previous_net, net, net - previous_net FROM (
                   SELECT c.invoice_id, COALESCE(o.net, 0) AS previous_net, c.net, o.invoice_id AS old_id
                     FROM invoice c
                     LEFT JOIN invoice o ON o.period = c.period AND o.revision = c.revision - 1
                          AND o.invoice_id = c.invoice_id
                    WHERE c.period = :period AND c.revision = :revision
                    UNION ALL
                   SELECT o.invoice_id, o.net, 0, o.invoice_id
                     FROM invoice o
                    WHERE o.period = :period AND o.revision = :previousRevision
                      AND NOT EXISTS (SELECT 1 FROM invoice c
                                       WHERE c.period = o.period AND c.revision = :revision
                                         AND c.invoice_id = o.invoice_id)
                   ) x
             WHERE old_id IS NULL OR net <> previous_net
                OR NOT EXISTS (SELECT 1 FROM invoice c
                                WHERE c.period = :period AND c.revision = :revision AND c.invoice_id = x.invoice_id)
             ORDER BY invoice_id COLLATE "C"
            """;

    static final String GROUP_STATEMENTS_SQL = """
            SELECT group_id, period, volume, tier_from, credit_total, credit_limit, status
              FROM group_statement
             WHERE period = :period AND revision = :revision
             ORDER BY group_id COLLATE "C"
            """;

    static final String PREPAID_BALANCES_SQL = """
            SELECT sub_account_id, period, opening, allocated, charged, closing, status
              FROM prepaid_balance
             WHERE period = :period AND revision = :revision
             ORDER BY sub_account_id COLLATE "C"
            """;

    static final String REBATES_SQL = """
            SELECT program, direction, scope_id, category, period, ytd_volume, ytd_weighted_volume, tier_from,
                   ytd_rebate, accrual
              FROM rebate_accrual
             WHERE period = :period AND revision = :revision
             ORDER BY program COLLATE "C", scope_id COLLATE "C", category COLLATE "C"
            """;

    static final String COMMISSIONS_SQL = """
            SELECT order_id, sub_account_id, ambassador_id, payment_time, order_payable, refunded, status,
                   commission, due_date
              FROM commission
             WHERE period = :period AND revision = :revision
             ORDER BY order_id COLLATE "C", sub_account_id COLLATE "C"
            """;

    static final String PAYOUT_ITEMS_SQL = """
            SELECT payout_id, payee_type, payee_id, item_type, reference, due_period, amount, status
              FROM payout_item
             WHERE period = :period AND revision = :revision
             ORDER BY payout_id COLLATE "C", item_type COLLATE "C", reference COLLATE "C"
            """;

    static final String PAYOUTS_SQL = """
            SELECT payout_id, payee_type, payee_id, payee_name, payout_account, gross, tax_withheld, net, currency,
                   item_count, status
              FROM payout
             WHERE period = :period AND revision = :revision
             ORDER BY payout_id COLLATE "C"
            """;

    static final String RECONCILIATION_SQL = """
            SELECT check_name, check_key, expected, actual, difference, status
              FROM reconciliation
             WHERE period = :period AND revision = :revision
             ORDER BY check_name COLLATE "C", check_key COLLATE "C"
            """;

    /** Every revision's file lists the rejects of the period's ingest. */
    static final String REJECTS_SQL = """
            SELECT file, row_no, reason, raw
              FROM ingest_reject
             WHERE period = :period
             ORDER BY file COLLATE "C", row_no
            """;

    static final OutputFile INVOICE_LINES = new OutputFile("invoice-lines.csv", INVOICE_LINES_SQL, List.of(
            text("invoice_id"), text("sub_account_id"), text("line_id"), text("kind"), text("product_code"),
            text("category"), text("charge_type"), total("payable"), rate("discount_rate"), total("discount"),
            total("net"), text("currency")));

    /** Put together from the parts the GRADUATED walk wrote ({@link RebateSliceFile}), not queried. */
    static final OutputFile REBATE_SLICES = new OutputFile(RebateSliceFile.NAME, null, List.of());

    /** In the order of manifest.json. */
    static final List<OutputFile> FILES = List.of(
            INVOICE_LINES,
            new OutputFile("invoices.csv", INVOICES_SQL, List.of(
                    text("invoice_id"), text("sub_account_id"), text("group_id"), text("invoice_title"), text("tax_id"),
                    text("settlement_mode"), text("period"), count("revision"), count("line_count"), total("payable"),
                    total("discount"), total("net"), text("currency"))),
            new OutputFile("invoice-adjustments.csv", ADJUSTMENTS_SQL, List.of(
                    text("invoice_id"), total("previous_net"), total("net"), total("difference")), true),
            new OutputFile("group-statements.csv", GROUP_STATEMENTS_SQL, List.of(
                    text("group_id"), text("period"), total("volume"), amount("tier_from"), total("credit_total"),
                    amount("credit_limit"), text("status"))),
            new OutputFile("prepaid-balances.csv", PREPAID_BALANCES_SQL, List.of(
                    text("sub_account_id"), text("period"), total("opening"), total("allocated"), total("charged"),
                    total("closing"), text("status"))),
            new OutputFile("rebates.csv", REBATES_SQL, List.of(
                    text("program"), text("direction"), text("scope_id"), text("category"), text("period"),
                    amount("ytd_volume"), amount("ytd_weighted_volume"), amount("tier_from"), total("ytd_rebate"),
                    total("accrual"))),
            REBATE_SLICES,
            new OutputFile("commissions.csv", COMMISSIONS_SQL, List.of(
                    text("order_id"), text("sub_account_id"), text("ambassador_id"), timestamp("payment_time"),
                    amount("order_payable"), amount("refunded"), text("status"), total("commission"), text("due_date"))),
            new OutputFile("payout-items.csv", PAYOUT_ITEMS_SQL, List.of(
                    text("payout_id"), text("payee_type"), text("payee_id"), text("item_type"), text("reference"),
                    text("due_period"), total("amount"), text("status"))),
            new OutputFile("payouts.csv", PAYOUTS_SQL, List.of(
                    text("payout_id"), text("payee_type"), text("payee_id"), text("payee_name"), text("payout_account"),
                    total("gross"), total("tax_withheld"), total("net"), text("currency"), count("item_count"),
                    text("status"))),
            new OutputFile("reconciliation.csv", RECONCILIATION_SQL, List.of(
                    text("check"), text("key"), amount("expected"), amount("actual"), total("difference"),
                    text("status"))),
            new OutputFile("rejects.csv", REJECTS_SQL, List.of(
                    text("file"), count("row"), text("reason"), text("raw"))));

    private SettlementFileCatalogue() {
    }

    /** The files of {@code revision}, in the manifest's order. */
    static List<OutputFile> filesOf(int revision) {
        return FILES.stream().filter(file -> revision > 1 || !file.fromSecondRevision()).toList();
    }

    static Optional<OutputFile> named(String name) {
        return FILES.stream().filter(file -> file.name().equals(name)).findFirst();
    }
}
