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
 * ({@link PaymentStatusReports}); {@code notes} says what the reports held besides returns.
 */
public record PeriodStatements(List<StatementLine> vendorStatement, List<VendorRebate> vendorRebates,
        List<PayoutReturn> payoutReturns, List<String> notes) {

    public record StatementLine(String subAccountId, BigDecimal payable) {
    }

    public record VendorRebate(String program, String category, BigDecimal amount) {
    }

    /**
     * R12.4. {@code amount} is null for a pain.002 status without OrgnlTxRef/Amt: the payout's own net,
     * matched at settle. {@code source} is where it was read: "file row N (id)" or "file transaction N (id)".
     */
    public record PayoutReturn(String payoutId, Status status, BigDecimal amount, LocalDateTime paidAt, String source) {
        public enum Status { PAID, FAILED }
    }

    /** Reads {@code statements/<period>/}; any bad row refuses the data set with every problem listed. */
    public static PeriodStatements read(Path dataDir, YearMonth period) {
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
        Map<String, PayoutReturn> returns = new LinkedHashMap<>();
        Set<String> payoutIds = new HashSet<>();
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
                        returns.put(payoutId, new PayoutReturn(payoutId, status, amount, paidAt, row.where()));
                    }
                });
        List<String> notes = new ArrayList<>();
        for (PayoutReturn reported : PaymentStatusReports.readFolder(folder, prefix, problems, notes)) {
            PayoutReturn earlier = returns.get(reported.payoutId());
            if (earlier == null) {
                returns.put(reported.payoutId(), reported);
            } else if (earlier.status() == reported.status() && (earlier.amount() == null || reported.amount() == null
                    || earlier.amount().compareTo(reported.amount()) == 0)) {
                notes.add(reported.source() + ": the same return as " + earlier.source() + "; counted once");
                if (earlier.amount() == null && reported.amount() != null) {
                    returns.put(reported.payoutId(), reported);
                }
            } else {
                problems.add(earlier.source() + " says " + describe(earlier) + " but " + reported.source() + " says "
                        + describe(reported) + "; correct or remove one of them");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataSetException(problems);
        }
        return new PeriodStatements(statement, rebates, List.copyOf(returns.values()), notes);
    }

    private static String describe(PayoutReturn ret) {
        return ret.status() + " " + (ret.amount() == null ? "(the payout's net)" : ret.amount().toPlainString());
    }
}
