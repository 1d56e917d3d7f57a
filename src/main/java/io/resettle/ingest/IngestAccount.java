package io.resettle.ingest;

import java.time.YearMonth;

/**
 * What ingestion needs to know of a sub-account (R3): its currency and the months it belongs to
 * the agent, inclusive; {@code associatedTo} is {@code null} for an open end.
 */
public record IngestAccount(String subAccountId, String currency, YearMonth associatedFrom, YearMonth associatedTo) {

    public boolean associatedIn(YearMonth period) {
        return !period.isBefore(associatedFrom) && (associatedTo == null || !period.isAfter(associatedTo));
    }
}
