package io.resettle.masterdata;

import java.util.List;

/** Everything the data set says about customers and partners (io-contract §1), validated together. */
public record MasterData(List<CustomerGroup> groups, List<SubAccount> accounts, List<Agreement> agreements,
        List<Allocation> allocations, List<Ambassador> ambassadors, List<ReferralVisit> referrals) {
}
