package io.resettle.ingest;

import io.resettle.billing.BillingLine;
import io.resettle.masterdata.IngestAccount;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Function;

/** The checks of R2.5 a normalised line must pass against master data and the ingested period. */
final class AccountChecks {

    private AccountChecks() {
    }

    /** R2.5 in its order: unknown sub-account, not associated, period, currency. */
    static BillingLine validated(BillingLine line, Function<String, Optional<IngestAccount>> accounts,
            YearMonth ingestedPeriod) {
        if (line.subAccountId() == null) {
            throw new RowRejectedException(RejectReason.UNKNOWN_SUB_ACCOUNT, "the row names no sub-account");
        }
        IngestAccount account = accounts.apply(line.subAccountId()).orElseThrow(() -> new RowRejectedException(
                RejectReason.UNKNOWN_SUB_ACCOUNT, "sub-account " + line.subAccountId() + " is not in accounts.csv"));
        if (!account.associatedIn(line.period())) {
            throw new RowRejectedException(RejectReason.NOT_ASSOCIATED_IN_PERIOD, "sub-account " + line.subAccountId()
                    + " is not associated with the agent in " + line.period());
        }
        if (!line.period().equals(ingestedPeriod)) {
            throw new RowRejectedException(RejectReason.PERIOD_MISMATCH,
                    "row of period " + line.period() + " in an export of " + ingestedPeriod);
        }
        if (line.currency() == null || !line.currency().equalsIgnoreCase(account.currency())) {
            throw new RowRejectedException(RejectReason.CURRENCY_MISMATCH, "currency " + line.currency()
                    + " differs from sub-account " + line.subAccountId() + "'s " + account.currency());
        }
        return line;
    }
}
