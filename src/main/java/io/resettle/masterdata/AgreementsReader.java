package io.resettle.masterdata;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * agreements.csv for {@link MasterDataReader} (io-contract §1): each agreement of a known group,
 * its term ending no earlier than it starts, a termination inside the term, and no two
 * agreements of one group overlapping.
 */
final class AgreementsReader {

    private AgreementsReader() {
    }

    static List<Agreement> read(Path dataDir, Set<String> groupIds, List<String> problems) {
        List<Agreement> agreements = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        new CsvFile("agreements.csv", problems).read(dataDir.resolve("agreements.csv"), true,
                List.of("agreement_id", "group_id", "discount_table", "term_start", "term_end"), row -> {
                    String id = row.required("agreement_id");
                    row.key(id);
                    String groupId = row.required("group_id");
                    String table = row.required("discount_table");
                    YearMonth start = row.month("term_start", true);
                    YearMonth end = row.month("term_end", true);
                    BigDecimal commitment = row.amount("min_commitment", false);
                    ClawbackMode mode = row.enumValue("clawback_mode", ClawbackMode.class, ClawbackMode.NONE);
                    BigDecimal penalty = row.text("penalty_rate") == null ? BigDecimal.ZERO : row.rate("penalty_rate");
                    YearMonth terminated = row.month("terminated_on", false);
                    if (id != null && !ids.add(id)) {
                        row.problem("agreement_id " + id + " appears twice");
                        return;
                    }
                    if (groupId != null && !groupIds.contains(groupId)) {
                        row.problem("group_id " + groupId + " is not a known group");
                    }
                    if (start != null && end != null && end.isBefore(start)) {
                        row.problem("term_end " + end + " is before term_start " + start);
                    }
                    if (terminated != null && start != null && end != null
                            && (terminated.isBefore(start) || terminated.isAfter(end))) {
                        row.problem("terminated_on " + terminated + " is outside the term " + start + ".." + end);
                    }
                    if (commitment != null && commitment.signum() < 0) {
                        row.problem("min_commitment " + commitment + " is negative");
                    }
                    if (id != null && groupId != null && table != null && start != null && end != null && mode != null
                            && penalty != null) {
                        agreements.add(new Agreement(id, groupId, table, start, end,
                                commitment == null ? BigDecimal.ZERO : commitment, mode, penalty, terminated));
                    }
                });
        agreements.sort(Comparator.comparing(Agreement::groupId).thenComparing(Agreement::termStart)
                .thenComparing(Agreement::agreementId));
        for (int i = 1; i < agreements.size(); i++) {
            Agreement previous = agreements.get(i - 1);
            Agreement current = agreements.get(i);
            if (previous.groupId().equals(current.groupId())
                    && !current.termStart().isAfter(previous.closingPeriod())) {
                problems.add("agreements.csv: agreements " + previous.agreementId() + " (" + previous.termStart() + ".."
                        + previous.closingPeriod() + ") and " + current.agreementId() + " (" + current.termStart() + ".."
                        + current.closingPeriod() + ") of group " + current.groupId() + " overlap");
            }
        }
        return agreements;
    }
}
