package io.resettle.masterdata;

import io.resettle.masterdata.SubAccount.Role;
import io.resettle.masterdata.SubAccount.SettlementMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the master data files of a data set (io-contract §1) and validates them together: a
 * data set with any problem is refused whole ({@link DataSetException}), so nothing is ever half
 * applied. Checks: required columns and values, unknown enumeration values, rates outside [0, 1],
 * duplicate keys, a sub-account in an unknown group or in another currency than its group, a
 * group with no or two PRIMARY sub-accounts, agreements of unknown groups, with a term that ends
 * before it starts, or overlapping another agreement of the same group, and allocations,
 * referrals and visits naming unknown sub-accounts or ambassadors. The rows go to a
 * {@link MasterDataSink} as they are read; the reader keeps only the keys its checks across files need.
 */
public final class MasterDataReader {

    private final List<String> problems = new ArrayList<>();
    private final MasterDataSink sink;

    private MasterDataReader(MasterDataSink sink) {
        this.sink = sink;
    }

    /** What a group's sub-accounts are checked against. */
    private record KnownGroup(String currency, boolean implicit) {
    }

    /**
     * Reads and checks every file, handing each row to {@code sink} while no problem has been found.
     *
     * @throws DataSetException naming every problem, after all the files were read
     */
    public static void read(Path dataDir, MasterDataSink sink) {
        new MasterDataReader(sink).readAll(dataDir);
    }

    private void readAll(Path dataDir) {
        Map<String, KnownGroup> groups = readGroups(dataDir);
        Set<String> accountIds = readAccounts(dataDir, groups);
        for (Agreement agreement : AgreementsReader.read(dataDir, groups.keySet(), problems)) {
            if (problems.isEmpty()) {
                sink.agreement(agreement);
            }
        }
        readAllocations(dataDir, accountIds);
        Set<String> ambassadorIds = readAmbassadors(dataDir);
        readReferrals(dataDir, accountIds, ambassadorIds);
        if (!problems.isEmpty()) {
            throw new DataSetException(problems);
        }
    }

    private Map<String, KnownGroup> readGroups(Path dataDir) {
        Map<String, KnownGroup> groups = new LinkedHashMap<>();
        new CsvFile("groups.csv", problems).read(dataDir.resolve("groups.csv"), true,
                List.of("group_id", "currency", "credit_limit", "rebate_payout"), row -> {
                    String id = row.required("group_id");
                    row.key(id);
                    String currency = row.required("currency");
                    BigDecimal creditLimit = row.amount("credit_limit", false);
                    RebatePayoutMethod payout = row.enumValue("rebate_payout", RebatePayoutMethod.class, null);
                    if (id != null && groups.containsKey(id)) {
                        row.problem("group_id " + id + " appears twice");
                    } else if (id != null && currency != null && payout != null) {
                        groups.put(id, new KnownGroup(currency, false));
                        if (problems.isEmpty()) {
                            sink.group(new CustomerGroup(id, row.text("group_name"), currency,
                                    creditLimit == null ? BigDecimal.ZERO : creditLimit, payout, row.text("payee_name"),
                                    row.text("payout_account"), false));
                        }
                    }
                });
        return groups;
    }

    /** Returns the ids of the sub-accounts read whole (those that allocations and visits may name). */
    private Set<String> readAccounts(Path dataDir, Map<String, KnownGroup> groups) {
        Set<String> ids = new HashSet<>();
        // A row refused after its id was taken: no allocation or visit may name it either.
        Set<String> refused = new HashSet<>();
        Map<String, String> logins = new HashMap<>();
        Map<String, List<String>> primaries = new LinkedHashMap<>();
        new CsvFile("accounts.csv", problems).read(dataDir.resolve("accounts.csv"), true,
                List.of("sub_account_id", "group_id", "role", "settlement_mode", "associated_from"), row -> {
                    String id = row.required("sub_account_id");
                    row.key(id);
                    String groupId = row.text("group_id");
                    boolean ownGroup = groupId == null;
                    Role role = row.enumValue("role", Role.class, ownGroup ? Role.PRIMARY : null);
                    SettlementMode mode = row.enumValue("settlement_mode", SettlementMode.class, null);
                    ManagedBy managedBy = row.enumValue("managed_by", ManagedBy.class, ManagedBy.AGENT);
                    YearMonth from = row.month("associated_from", true);
                    YearMonth to = row.month("associated_to", false);
                    String currency = row.text("currency");
                    if (from != null && to != null && to.isBefore(from)) {
                        row.problem("associated_to " + to + " is before associated_from " + from);
                    }
                    if (id != null && !ids.add(id)) {
                        row.problem("sub_account_id " + id + " appears twice");
                        return;
                    }
                    String login = row.text("vendor_login");
                    String loginOwner = login == null ? null : logins.putIfAbsent(login.toLowerCase(Locale.ROOT), id);
                    if (loginOwner != null) {
                        row.problem("vendor_login " + login + " is also sub-account " + loginOwner
                                + "'s (an export's Owner账号 must name one account)");
                        refused.add(id);
                        return;
                    }
                    if (ownGroup && id != null) {
                        // R3: a sub-account without a group forms its own group.
                        if (currency == null) {
                            row.problem("currency is empty (required for a sub-account without a group)");
                            refused.add(id);
                            return;
                        }
                        groupId = id;
                        if (groups.containsKey(id)) {
                            row.problem("has no group_id but a group with its id " + id + " exists in groups.csv");
                        }
                        groups.put(id, new KnownGroup(currency, true));
                        if (problems.isEmpty()) {
                            sink.group(new CustomerGroup(id, row.text("sub_account_name"), currency, BigDecimal.ZERO,
                                    RebatePayoutMethod.CASH, row.text("sub_account_name"), null, true));
                        }
                        role = Role.PRIMARY;
                    } else if (groupId != null && !groups.containsKey(groupId)) {
                        row.problem("group_id " + groupId + " is not in groups.csv");
                        refused.add(id);
                        return;
                    }
                    KnownGroup group = groupId == null ? null : groups.get(groupId);
                    if (group != null && currency != null && !currency.equals(group.currency())) {
                        row.problem("currency " + currency + " differs from group " + groupId + "'s " + group.currency()
                                + " (R1.4: one currency per group)");
                    }
                    if (id == null || role == null || mode == null || managedBy == null || from == null || group == null) {
                        refused.add(id);
                        return;
                    }
                    if (role == Role.PRIMARY) {
                        primaries.computeIfAbsent(groupId, g -> new ArrayList<>()).add(id);
                    }
                    SubAccount account = new SubAccount(id, row.text("sub_account_name"), groupId, role,
                            row.text("invoice_title"), row.text("tax_id"), mode,
                            currency != null ? currency : group.currency(), from, to, managedBy,
                            row.date("first_paid_before", false), identity(row), row.text("vendor_login"));
                    if (problems.isEmpty()) {
                        sink.account(account);
                    }
                });
        groups.forEach((groupId, group) -> {
            List<String> primary = primaries.getOrDefault(groupId, List.of());
            if (primary.isEmpty() && !group.implicit()) {
                problems.add("groups.csv (" + groupId + "): the group has no PRIMARY sub-account in accounts.csv");
            } else if (primary.size() > 1) {
                problems.add("accounts.csv: group " + groupId + " has " + primary.size()
                        + " PRIMARY sub-accounts (" + String.join(", ", primary) + "); exactly one is allowed");
            }
        });
        ids.removeAll(refused);
        return ids;
    }

    private void readAllocations(Path dataDir, Set<String> accountIds) {
        Set<String> keys = new HashSet<>();
        new CsvFile("allocations.csv", problems).read(dataDir.resolve("allocations.csv"), false,
                List.of("sub_account_id", "date", "amount"), row -> {
                    String account = row.required("sub_account_id");
                    String reference = row.text("reference") == null ? "" : row.text("reference");
                    row.key(account + (reference.isEmpty() ? "" : " " + reference));
                    var date = row.date("date", true);
                    BigDecimal amount = row.amount("amount", true);
                    if (account != null && !accountIds.contains(account)) {
                        row.problem("sub_account_id " + account + " is not in accounts.csv");
                    }
                    if (account != null && date != null && !keys.add(account + "|" + date + "|" + reference)) {
                        // Two identical keys would be indistinguishable: refuse rather than drop money.
                        row.problem("a second allocation to " + account + " on " + date + " with the same reference '"
                                + reference + "'; give each allocation its own reference");
                    }
                    if (amount != null && amount.compareTo(amount.setScale(2, java.math.RoundingMode.DOWN)) != 0) {
                        // A balance is a ledger (R6.2): fractions of a cent would be invented or lost.
                        row.problem("amount " + amount.toPlainString() + " is not whole cents");
                    }
                    if (account != null && date != null && amount != null && problems.isEmpty()) {
                        sink.allocation(new Allocation(account, date, amount, reference));
                    }
                });
    }

    /** Returns the ambassadors' ids. */
    private Set<String> readAmbassadors(Path dataDir) {
        Set<String> ids = new HashSet<>();
        new CsvFile("ambassadors.csv", problems).read(dataDir.resolve("ambassadors.csv"), false,
                List.of("ambassador_id", "payee_type"), row -> {
                    String id = row.required("ambassador_id");
                    row.key(id);
                    PayeeKind type = row.enumValue("payee_type", PayeeKind.class, null);
                    if (id != null && !ids.add(id)) {
                        row.problem("ambassador_id " + id + " appears twice");
                    } else if (id != null && type != null && problems.isEmpty()) {
                        sink.ambassador(new Ambassador(id, row.text("name"), type, row.text("payout_account"),
                                identity(row)));
                    }
                });
        return ids;
    }

    private void readReferrals(Path dataDir, Set<String> accountIds, Set<String> ambassadorIds) {
        Set<ReferralVisit> seen = new HashSet<>();
        new CsvFile("referrals.csv", problems).read(dataDir.resolve("referrals.csv"), false,
                List.of("ambassador_id", "sub_account_id", "visited_at"), row -> {
                    String ambassador = row.required("ambassador_id");
                    String account = row.required("sub_account_id");
                    row.key(ambassador + " → " + account);
                    var at = row.time("visited_at");
                    if (ambassador != null && !ambassadorIds.contains(ambassador)) {
                        row.problem("ambassador_id " + ambassador + " is not in ambassadors.csv");
                    }
                    if (account != null && !accountIds.contains(account)) {
                        row.problem("sub_account_id " + account + " is not in accounts.csv");
                    }
                    if (ambassador != null && account != null && at != null) {
                        ReferralVisit visit = new ReferralVisit(ambassador, account, at);
                        if (seen.add(visit) && problems.isEmpty()) {
                            sink.referral(visit);
                        }
                    }
                });
    }

    private static IdentityKeys identity(CsvFile.Row row) {
        return new IdentityKeys(row.text("id_hash"), row.text("phone_hash"), row.text("pay_account_hash"),
                row.text("device_hash"), row.text("address_hash"));
    }
}
