package io.resettle.policy;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy in force for a period (io-contract §1): the latest {@code policies/YYYY-MM.yml}
 * not after the period. Built and validated by {@link PolicyParser}.
 *
 * @param effectiveFrom    the month of the policy file
 * @param productCategories product code (lower case) → category (R2.3)
 * @param referral         empty when the policy has no referral program (no commissions)
 * @param vendorTimeZone   {@code ingest.vendor_time_zone}: overrides the zone of zone-less Alibaba times (io-contract §2)
 * @param outputs          the output files' optional sections (workbook, bank_payouts, invoicing)
 */
public record Policy(
        YearMonth effectiveFrom,
        String currency,
        Map<String, Category> productCategories,
        BigDecimal maxRejectRatio,
        Map<String, TierTable> discountTables,
        List<RebateProgram> rebatePrograms,
        Optional<ReferralPolicy> referral,
        TaxBorneBy taxBorneBy,
        Optional<ZoneId> vendorTimeZone,
        OutputPolicy outputs) {

    public static final BigDecimal DEFAULT_MAX_REJECT_RATIO = new BigDecimal("0.01");

    public Policy {
        productCategories = Map.copyOf(productCategories);
        discountTables = Map.copyOf(discountTables);
        rebatePrograms = List.copyOf(rebatePrograms);
        vendorTimeZone = vendorTimeZone == null ? Optional.empty() : vendorTimeZone;
        outputs = outputs == null ? OutputPolicy.NONE : outputs;
    }

    /** A policy without a vendor time zone and the output files' sections (issue 18: {@link OutputPolicy}). */
    public Policy(YearMonth effectiveFrom, String currency, Map<String, Category> productCategories,
            BigDecimal maxRejectRatio, Map<String, TierTable> discountTables, List<RebateProgram> rebatePrograms,
            Optional<ReferralPolicy> referral, TaxBorneBy taxBorneBy) {
        this(effectiveFrom, currency, productCategories, maxRejectRatio, discountTables, rebatePrograms, referral,
                taxBorneBy, Optional.empty(), OutputPolicy.NONE);
    }

    /** The mapped category of a product code, if the policy maps it (R2.3). */
    public Optional<Category> categoryOf(String productCode) {
        return productCode == null ? Optional.empty()
                : Optional.ofNullable(productCategories.get(productCode.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    /** R10.4: who bears the withholding tax on individual payees. */
    public enum TaxBorneBy {
        PAYEE, PAYER
    }
}
