package io.resettle.masterdata;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vendor's statements and the payout returns of a period (io-contract §1), all optional. Payout
 * returns come from payout-returns.csv and from the bank's pain.002 reports beside it
 * ({@link PaymentStatusReports}); {@code notes} says what the reports held that is not a return.
 */
public record PeriodStatements(List<StatementLine> vendorStatement, List<VendorRebate> vendorRebates,
        List<PayoutReturn> payoutReturns, List<String> notes) {

    public record StatementLine(String subAccountId, BigDecimal payable) {
    }

    public record VendorRebate(String program, String category, BigDecimal amount) {
    }

    public record PayoutReturn(String payoutId, Status status, BigDecimal amount, LocalDateTime paidAt) {
        public enum Status { PAID, FAILED }
    }

    /** A payout of a settled run before the period, which a pain.002 return may name (R12.4). */
    public record PaidPayout(BigDecimal net, String currency) {
    }

    /** As {@link #read(Path, YearMonth, Map)} knowing no payout (a pain.002 status without an amount is refused). */
    public static PeriodStatements read(Path dataDir, YearMonth period) {
        return read(dataDir, period, Map.of());
    }

    /**
     * Reads {@code statements/<period>/}; any bad row refuses the data set with every problem listed.
     * {@code paidPayouts} (by payout id) gives a pain.002 status without OrgnlTxRef/Amt its amount.
     */
    public static PeriodStatements read(Path dataDir, YearMonth period, Map<String, PaidPayout> paidPayouts) {
        List<String> problems = new ArrayList<>();
        Path folder = dataDir.resolve("statements").resolve(period.toString());
        String prefix = "statements/" + period + "/";
        List<StatementLine> statement = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        new CsvFile(prefix + "vendor-statement.csv", problems).read(folder.resolve("vendor-statement.csv"), false,
                List.of("sub_account_id", "payable"), row -> {
                    String account = row.required("sub_account_id");
                    row.key(account);
                    BigDecimal payable = row.amount("payable", true);
                    if (account != null && !seen.add(account)) {
                        row.problem("sub_account_id " + account + " appears twice");
                    } else if (account != null && payable != null) {
                        statement.add(new StatementLine(account, payable));
                    }
                });
        List<VendorRebate> rebates = new ArrayList<>();
        Set<String> rebateKeys = new HashSet<>();
        new CsvFile(prefix + "vendor-rebates.csv", problems).read(folder.resolve("vendor-rebates.csv"), false,
                List.of("program", "category", "amount"), row -> {
                    String program = row.required("program");
                    String category = row.required("category");
                    row.key(program + " " + category);
                    BigDecimal amount = row.amount("amount", true);
                    if (program != null && category != null && !rebateKeys.add(program + "|" + category)) {
                        row.problem("program " + program + " category " + category + " appears twice");
                    } else if (program != null && category != null && amount != null) {
                        rebates.add(new VendorRebate(program, category, amount));
                    }
                });
        List<PayoutReturn> returns = new ArrayList<>();
        Set<String> payoutIds = new HashSet<>();
        Map<String, Sourced> sources = new LinkedHashMap<>();
        new CsvFile(prefix + "payout-returns.csv", problems).read(folder.resolve("payout-returns.csv"), false,
                List.of("payout_id", "status", "amount"), row -> {
                    String payoutId = row.required("payout_id");
                    row.key(payoutId);
                    PayoutReturn.Status status = row.enumValue("status", PayoutReturn.Status.class, null);
                    BigDecimal amount = row.amount("amount", true);
                    LocalDateTime paidAt = row.text("paid_at") == null ? null : row.time("paid_at");
                    if (payoutId != null && !payoutIds.add(payoutId)) {
                        row.problem("payout_id " + payoutId + " appears twice");
                    } else if (payoutId != null && status != null && amount != null) {
                        returns.add(new PayoutReturn(payoutId, status, amount, paidAt));
                        sources.put(payoutId, new Sourced(row.where(), returns.get(returns.size() - 1)));
                    }
                });
        List<String> notes = new ArrayList<>();
        for (PaymentStatusReports.StatusReturn report : PaymentStatusReports.readFolder(folder, prefix, problems, notes)) {
            PayoutReturn ret = payoutReturn(report, paidPayouts.get(report.payoutId()), period, problems, notes);
            Sourced earlier = ret == null ? null : sources.get(ret.payoutId());
            if (ret == null) {
                continue;
            } else if (earlier == null) {
                returns.add(ret);
                sources.put(ret.payoutId(), new Sourced(report.where(), ret));
            } else if (earlier.payoutReturn().status() == ret.status()
                    && earlier.payoutReturn().amount().compareTo(ret.amount()) == 0) {
                notes.add(report.where() + ": the same return as " + earlier.where() + "; counted once");
            } else {
                problems.add(earlier.where() + " says " + describe(earlier.payoutReturn())
                        + " but " + report.where() + " says " + describe(ret) + " (" + report.code()
                        + "); correct or remove one of them");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataSetException(problems);
        }
        return new PeriodStatements(statement, rebates, returns, notes);
    }

    /** Where a payout's return was read (a CSV row or a pain.002 transaction), to name both when two disagree. */
    private record Sourced(String where, PayoutReturn payoutReturn) {
    }

    /**
     * A pain.002 status as the payout return a CSV row would be: its amount is the report's, else the
     * payout's net. A payout not known is kept (R12.4 makes it a break, as for a CSV row) and noted.
     */
    private static PayoutReturn payoutReturn(PaymentStatusReports.StatusReturn report, PaidPayout payout,
            YearMonth period, List<String> problems, List<String> notes) {
        if (payout == null && report.amount() == null) {
            problems.add(report.where() + ": names no payout of a settled run before " + period
                    + " and has no OrgnlTxRef/Amt, so the return has no amount");
            return null;
        }
        if (payout != null && report.currency() != null && !report.currency().equals(payout.currency())) {
            problems.add(report.where() + ": the amount is in " + report.currency() + ", the payout in "
                    + payout.currency());
            return null;
        }
        if (payout == null) {
            notes.add(report.where() + ": names no payout of a settled run before " + period
                    + " (yet); settling " + period + " reports it as a payout_return break (R12.4)");
        }
        return new PayoutReturn(report.payoutId(), report.status(),
                report.amount() != null ? report.amount() : payout.net(), report.paidAt());
    }

    private static String describe(PayoutReturn ret) {
        return ret.status() + " " + ret.amount().toPlainString();
    }
}
