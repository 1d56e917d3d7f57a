package io.resettle.masterdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@link MasterDataReader} hands over, kept in lists in the order it came, for the tests to look at. */
record MasterDataLists(List<CustomerGroup> groups, List<SubAccount> accounts, List<Agreement> agreements,
        List<Allocation> allocations, List<Ambassador> ambassadors, List<ReferralVisit> referrals)
        implements MasterDataSink {

    static MasterDataLists read(Path dataDir) {
        MasterDataLists lists = new MasterDataLists(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        MasterDataReader.read(dataDir, lists);
        return lists;
    }

    @Override
    public void group(CustomerGroup group) {
        groups.add(group);
    }

    @Override
    public void account(SubAccount account) {
        accounts.add(account);
    }

    @Override
    public void agreement(Agreement agreement) {
        agreements.add(agreement);
    }

    @Override
    public void allocation(Allocation allocation) {
        allocations.add(allocation);
    }

    @Override
    public void ambassador(Ambassador ambassador) {
        ambassadors.add(ambassador);
    }

    @Override
    public void referral(ReferralVisit visit) {
        referrals.add(visit);
    }
}
