package io.resettle.rebate.batch;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import io.resettle.pricing.batch.PricingStore;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL over the fiscal year's volume lines (R7.2) that the rebate steps read, shaped by the
 * programs that read them. A line's group comes from a join to every sub-account, which only
 * GROUP-scope programs need: at 200,000 sub-accounts the join was half of the walk's query and
 * two thirds of the RETROACTIVE sums' (docs/performance.md). Without it the group is NULL. The
 * join is an outer one, so the lines read never depend on the programs: ingest rejects a line of
 * an unknown sub-account and no sub-account is ever deleted, but if one were, a GROUP-scope walk
 * would fail on the line's missing group instead of leaving its amount out.
 */
final class FiscalYearVolumes {

    /** The lines of the fiscal years from {@code :from} to {@code :period}. */
    private static final String VOLUME_LINES = "b.period >= :from AND b.period <= :period AND b.charge_type IN "
            + PricingStore.VOLUME_TYPES;

    private FiscalYearVolumes() {
    }

    /**
     * Every volume line of the fiscal years, in a total event order (R2.4), with only the columns
     * the walks read; {@code programs} (the GRADUATED ones) decide only whether the group is read. A
     * restart skips the lines already walked by their count, so the lines must not depend on them.
     */
    static String lines(List<RebateProgram> programs) {
        return "SELECT b.line_id, b.period, b.product_code, b.category, b.billing_method, b.charge_type,"
                + " b.payable_amount, " + groupColumn(programs) + from(programs)
                + " WHERE " + VOLUME_LINES
                + " ORDER BY " + RebateStore.EVENT_TIME + ", b.line_id, b.period";
    }

    /**
     * The volume lines summed by what eligibility looks at, for {@code programs} (the RETROACTIVE
     * ones): when every program names the billing methods (or categories) it admits, those no
     * program admits are left out; the rest of eligibility is the Java filter's.
     */
    static String sums(List<RebateProgram> programs) {
        String group = needsGroups(programs) ? "a.group_id, " : "";
        return "SELECT " + groupColumn(programs) + ", b.period, b.billing_method, b.category, b.product_code,"
                + " SUM(b.payable_amount) AS amount" + from(programs)
                + " WHERE " + VOLUME_LINES
                + admitted("b.billing_method", programs, p -> p.eligibility().billingMethods(), BillingMethod.class)
                + admitted("b.category", programs, p -> p.eligibility().categories(), Category.class)
                + " GROUP BY " + group + "b.period, b.billing_method, b.category, b.product_code";
    }

    private static boolean needsGroups(List<RebateProgram> programs) {
        return programs.stream().anyMatch(p -> p.scope() == RebateProgram.Scope.GROUP);
    }

    private static String groupColumn(List<RebateProgram> programs) {
        return needsGroups(programs) ? "a.group_id" : "CAST(NULL AS VARCHAR(100)) AS group_id";
    }

    private static String from(List<RebateProgram> programs) {
        return needsGroups(programs)
                ? " FROM billing_line b LEFT JOIN sub_account a ON a.sub_account_id = b.sub_account_id"
                : " FROM billing_line b";
    }

    /**
     * {@code AND column IN (…)} with the values some program admits, when every program names
     * the values it admits (an empty set admits all) and together they leave one out; else nothing.
     */
    private static <E extends Enum<E>> String admitted(String column, List<RebateProgram> programs,
            Function<RebateProgram, Set<E>> admits, Class<E> type) {
        if (programs.isEmpty()) {
            return "";
        }
        EnumSet<E> union = EnumSet.noneOf(type);
        for (RebateProgram program : programs) {
            Set<E> values = admits.apply(program);
            if (values.isEmpty()) {
                return "";
            }
            union.addAll(values);
        }
        if (union.size() == type.getEnumConstants().length) {
            return "";
        }
        return " AND " + column + " IN " + quoted(union);
    }

    private static String quoted(Collection<? extends Enum<?>> values) {
        return values.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
