package io.resettle.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master data is validated as a whole and refused with every problem named by file, row/key and reason. */
class MasterDataReaderTest {

    static final String GROUPS = """
            group_id,group_name,currency,credit_limit,rebate_payout,payee_name,payout_account
            G1,Group One,CNY,150000.00,CASH,G1 Ltd,622
            G2,Group Two,CNY,0,CREDIT_NOTE,,
            """;
    static final String ACCOUNTS = """
            sub_account_id,sub_account_name,group_id,role,invoice_title,tax_id,settlement_mode,currency,associated_from,associated_to,managed_by,first_paid_before,id_hash,phone_hash,pay_account_hash,device_hash,address_hash
            A,Alpha,G1,PRIMARY,Alpha Co,T1,CREDIT,CNY,2026-01,,AGENT,,h1,,,,
            B,Beta,G1,MEMBER,Beta Co,T2,PREPAID,,2026-01,2026-12,CBM,2025-06-30,,,,,
            C,Gamma,G2,PRIMARY,Gamma Co,T3,CREDIT,CNY,2026-03,,,,,,,,
            S,Solo,,,Solo Co,T4,PREPAID,CNY,2026-01,,PARTNER,,,,,,
            """;
    static final String AGREEMENTS = """
            agreement_id,group_id,discount_table,term_start,term_end,min_commitment,clawback_mode,penalty_rate,terminated_on
            K1,G1,standard,2026-01,2026-12,1200000.00,PRORATED,0.05,2026-06
            K2,G1,standard,2026-07,2026-12,0,NONE,0,
            """;

    @TempDir
    Path data;

    @Test
    void readsAValidDataSet() throws Exception {
        write(GROUPS, ACCOUNTS, AGREEMENTS);
        Files.writeString(data.resolve("allocations.csv"), "sub_account_id,date,amount,reference\nB,2026-10-02,5000.00,T1\nB,2026-10-02,100.00,T2\n");
        Files.writeString(data.resolve("ambassadors.csv"), "ambassador_id,name,payee_type,payout_account,id_hash,phone_hash,pay_account_hash,device_hash,address_hash\nAMB1,Li,INDIVIDUAL,alipay,,p1,,,\n");
        Files.writeString(data.resolve("referrals.csv"), "ambassador_id,sub_account_id,visited_at\nAMB1,A,2026-10-01T10:00:00\n");
        MasterDataLists md = MasterDataLists.read(data);
        assertThat(md.groups()).extracting(CustomerGroup::groupId).containsExactly("G1", "G2", "S");
        CustomerGroup own = md.groups().get(2);
        assertThat(own.implicit()).isTrue();
        assertThat(own.creditLimit()).isEqualByComparingTo("0");
        assertThat(own.rebatePayout()).isEqualTo(RebatePayoutMethod.CASH);
        SubAccount b = md.accounts().get(1);
        assertThat(b.currency()).isEqualTo("CNY");
        assertThat(b.associatedTo()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(b.managedBy()).isEqualTo(ManagedBy.CBM);
        assertThat(md.accounts().get(2).managedBy()).isEqualTo(ManagedBy.AGENT);
        assertThat(md.accounts().get(3).groupId()).isEqualTo("S");
        assertThat(md.agreements()).extracting(Agreement::closingPeriod)
                .containsExactly(YearMonth.of(2026, 6), YearMonth.of(2026, 12));
        assertThat(md.allocations()).hasSize(2);
        assertThat(md.ambassadors().get(0).identity().phoneHash()).isEqualTo("p1");
        assertThat(md.referrals()).hasSize(1);
    }

    @Test
    void refusesEveryProblemAtOnce() throws Exception {
        write("""
                group_id,group_name,currency,credit_limit,rebate_payout,payee_name,payout_account
                G1,Group One,CNY,150000.00,CASH,,
                G2,Group Two,CNY,abc,MONEY,,
                G3,Group Three,CNY,0,CASH,,
                """, """
                sub_account_id,sub_account_name,group_id,role,invoice_title,tax_id,settlement_mode,currency,associated_from,associated_to,managed_by,first_paid_before,id_hash,phone_hash,pay_account_hash,device_hash,address_hash
                A,Alpha,G1,PRIMARY,,,CREDIT,CNY,2026-01,,AGENT,,,,,,
                B,Beta,G1,PRIMARY,,,CREDIT,CNY,2026-01,,AGENT,,,,,,
                C,Gamma,G9,MEMBER,,,CREDIT,CNY,2026-01,,AGENT,,,,,,
                D,Delta,G1,MEMBER,,,BARTER,USD,2026-13,,AGENT,,,,,,
                """, """
                agreement_id,group_id,discount_table,term_start,term_end,min_commitment,clawback_mode,penalty_rate,terminated_on
                K1,G1,standard,2026-01,2026-12,100,PRORATED,0.05,
                K2,G1,standard,2026-06,2027-05,100,SOMETIMES,1.5,
                """);
        Files.writeString(data.resolve("allocations.csv"), "sub_account_id,date,amount,reference\nZ,2026-10-02,5000.00,\nA,2026-10-32,x,\nA,2026-10-03,1.005,R\n"
                + "C,2026-10-04,5.00,\n");
        assertThatThrownBy(() -> MasterDataLists.read(data))
                .isInstanceOfSatisfying(DataSetException.class, e -> assertThat(e.problems()).contains(
                        "groups.csv row 2 (G2): credit_limit 'abc' is not a number",
                        "groups.csv row 2 (G2): rebate_payout: unknown value 'MONEY' (expected CREDIT_NOTE, CASH)",
                        "accounts.csv row 3 (C): group_id G9 is not in groups.csv",
                        "accounts.csv row 4 (D): settlement_mode: unknown value 'BARTER' (expected CREDIT, PREPAID)",
                        "accounts.csv row 4 (D): associated_from '2026-13' is not a month YYYY-MM",
                        "accounts.csv row 4 (D): currency USD differs from group G1's CNY (R1.4: one currency per group)",
                        "accounts.csv: group G1 has 2 PRIMARY sub-accounts (A, B); exactly one is allowed",
                        "groups.csv (G3): the group has no PRIMARY sub-account in accounts.csv",
                        "agreements.csv row 2 (K2): clawback_mode: unknown value 'SOMETIMES' (expected NONE, PRORATED, FULL)",
                        "agreements.csv row 2 (K2): penalty_rate 1.5 is outside [0, 1]",
                        "allocations.csv row 1 (Z): sub_account_id Z is not in accounts.csv",
                        "allocations.csv row 2 (A): date '2026-10-32' is not a date YYYY-MM-DD",
                        "allocations.csv row 2 (A): amount 'x' is not a number",
                        "allocations.csv row 3 (A R): amount 1.005 is not whole cents",
                        // C was refused (its group is unknown): what names it names no sub-account.
                        "allocations.csv row 4 (C): sub_account_id C is not in accounts.csv"));
    }

    @Test
    void overlappingAgreementsAreRefused() throws Exception {
        write(GROUPS, ACCOUNTS, """
                agreement_id,group_id,discount_table,term_start,term_end,min_commitment,clawback_mode,penalty_rate,terminated_on
                K1,G1,standard,2026-01,2026-12,0,NONE,0,
                K2,G1,standard,2026-12,2027-11,0,NONE,0,
                """);
        assertThatThrownBy(() -> MasterDataLists.read(data)).hasMessageContaining(
                "agreements.csv: agreements K1 (2026-01..2026-12) and K2 (2026-12..2027-11) of group G1 overlap");
    }

    @Test
    void missingFilesAndColumnsAreNamed() throws Exception {
        Files.writeString(data.resolve("groups.csv"), "group_id,currency\nG1,CNY\n");
        assertThatThrownBy(() -> MasterDataLists.read(data))
                .hasMessageContaining("groups.csv: missing column(s) credit_limit, rebate_payout")
                .hasMessageContaining("accounts.csv: the file is missing")
                .hasMessageContaining("agreements.csv: the file is missing");
    }

    @Test
    void duplicateAllocationKeysAreRefusedRatherThanMerged() throws Exception {
        write(GROUPS, ACCOUNTS, AGREEMENTS);
        Files.writeString(data.resolve("allocations.csv"), "sub_account_id,date,amount,reference\nB,2026-10-02,5000.00,\nB,2026-10-02,5000.00,\n");
        assertThatThrownBy(() -> MasterDataLists.read(data)).hasMessageContaining(
                "allocations.csv row 2 (B): a second allocation to B on 2026-10-02 with the same reference ''");
    }

    @Test
    void vendorLoginIsOptionalAndNamesOneAccount() throws Exception {
        String header = "sub_account_id,group_id,role,settlement_mode,currency,associated_from,vendor_login\n";
        write(GROUPS, header + "A,G1,PRIMARY,CREDIT,CNY,2026-01,alpha@corp.example\nB,G1,MEMBER,CREDIT,CNY,2026-01,\n"
                + "C,G2,PRIMARY,CREDIT,CNY,2026-01,\n", AGREEMENTS);
        MasterDataLists md = MasterDataLists.read(data);
        assertThat(md.accounts()).extracting(SubAccount::vendorLogin).containsExactly("alpha@corp.example", null, null);
        assertThat(md.accounts().get(0).forIngest().vendorLogin()).isEqualTo("alpha@corp.example");

        write(GROUPS, header + "A,G1,PRIMARY,CREDIT,CNY,2026-01,alpha@corp.example\nB,G1,MEMBER,CREDIT,CNY,2026-01,ALPHA@corp.example\n"
                + "C,G2,PRIMARY,CREDIT,CNY,2026-01,\n", AGREEMENTS);
        assertThatThrownBy(() -> MasterDataLists.read(data)).hasMessageContaining(
                "vendor_login ALPHA@corp.example is also sub-account A's");
    }

    private void write(String groups, String accounts, String agreements) throws Exception {
        Files.writeString(data.resolve("groups.csv"), groups);
        Files.writeString(data.resolve("accounts.csv"), accounts);
        Files.writeString(data.resolve("agreements.csv"), agreements);
    }
}
