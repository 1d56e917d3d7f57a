package io.resettle.masterdata;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A sub-account (代理子账号), accounts.csv. {@code associatedTo} is {@code null} for an open end (R3);
 * {@code vendorLogin} is its login name at the vendor (optional, matches an export's Owner账号).
 */
public record SubAccount(String subAccountId, String name, String groupId, Role role, String invoiceTitle, String taxId,
        SettlementMode settlementMode, String currency, YearMonth associatedFrom, YearMonth associatedTo,
        ManagedBy managedBy, LocalDate firstPaidBefore, IdentityKeys identity, String vendorLogin) {

    public enum Role { PRIMARY, MEMBER }

    /** R6: CREDIT (代付) or PREPAID (额度). */
    public enum SettlementMode { CREDIT, PREPAID }

    /** R9.1: only AGENT-managed customers are associated with ambassadors. */

    public IngestAccount forIngest() {
        return new IngestAccount(subAccountId, currency, associatedFrom, associatedTo, vendorLogin);
    }
}
