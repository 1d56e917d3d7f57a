package io.resettle.masterdata;

import java.time.YearMonth;

/**
 * What ingestion needs to know of a sub-account (R3): its currency and the months it belongs to
 * the agent, inclusive; {@code associatedTo} is {@code null} for an open end; {@code vendorLogin}
 * (accounts.csv {@code vendor_login}) its login name at the vendor, or {@code null}.
 */
public record IngestAccount(String subAccountId, String currency, YearMonth associatedFrom, YearMonth associatedTo,
        String vendorLogin) {

    /** An account without a vendor login name. */
    public IngestAccount(String subAccountId, String currency, YearMonth associatedFrom, YearMonth associatedTo) {
        this(subAccountId, currency, associatedFrom, associatedTo, null);
    }

    public boolean associatedIn(YearMonth period) {
        return !period.isBefore(associatedFrom) && (associatedTo == null || !period.isAfter(associatedTo));
    }
}
