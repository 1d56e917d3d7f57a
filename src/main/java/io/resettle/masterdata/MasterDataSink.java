package io.resettle.masterdata;

/**
 * Where {@link MasterDataReader} hands a data set's master data, a row at a time as each passes
 * its checks, so that the data set is never held in memory whole (200,000 sub-accounts took 160
 * MiB of heap that way, issue 20; only agreements.csv, small, is read whole, to find overlaps).
 * The reader stops handing rows over at its first problem and refuses the data set once it has
 * read every file: what it handed over before must be undone by the receiver (the ingest writes
 * it in one transaction, which the refusal rolls back).
 */
public interface MasterDataSink {

    void group(CustomerGroup group);

    void account(SubAccount account);

    void agreement(Agreement agreement);

    void allocation(Allocation allocation);

    void ambassador(Ambassador ambassador);

    void referral(ReferralVisit visit);
}
