package io.resettle.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes the billing lines of a period, one at a time, in the {@code alibaba-bill} format
 * (io-contract §2), and sums the payable amount per sub-account for the vendor statement (R12.1).
 *
 * <p>Line n gets a time inside the n-th of {@code lines} equal slices of the month, so the lines
 * come out in event order (R2.4) and a refund is always later than the line it reverses. The
 * mix: about 30% Subscription orders (New, Renew, Upgrade; whole cents), 2.5% Refunds of an
 * earlier Subscription line of the same sub-account (negative; RelatedRecordID names it; each
 * line refunded at most once), the rest PayAsYouGoBill (six decimals; 3% unpaid, without
 * payment time). Amounts are built from random longs in micro-CNY, never from doubles. Times are
 * written without a zone, as Alibaba does: China Standard Time (io-contract §2).
 */
final class ExportLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long MICROS_PER_CENT = 10_000;
    private static final long BASE_ORDER_ID = 210_000_000_000_000L;
    private static final long BASE_SUB_ORDER_ID = 220_000_000_000_000L;

    private static final String CURRENCY = "CNY";
    private static final String SUBSCRIPTION = "Subscription";
    private static final String PAY_AS_YOU_GO = "PayAsYouGo";
    private static final String PAY_FINISH = "PayFinish";
    private static final String UNPAID = "Unpaid";

    private final Roster roster;
    private final long lines;
    private final SplittableRandom random;
    private final String recordPrefix;
    private final int recordWidth;
    private final String cycle;
    private final LocalDateTime start;
    private final String dayPrefix;
    private final long monthSeconds;

    private final long[] payableMicros;
    // The latest Subscription line of each sub-account not yet refunded (-1: none).
    private final long[] refundableLine;
    private final long[] refundablePayable;
    private final long[] refundableGross;
    private final int[] refundableProduct;
    private long orders;

    ExportLines(Roster roster, GeneratorOptions options, SplittableRandom random) {
        this.roster = roster;
        this.lines = options.lines();
        this.random = random;
        this.recordPrefix = "G" + options.seed() + "-";
        this.recordWidth = Math.max(6, Long.toString(options.lines()).length());
        YearMonth period = options.period();
        this.cycle = period.toString();
        this.start = period.atDay(1).atStartOfDay();
        this.dayPrefix = cycle + "-";
        this.monthSeconds = period.lengthOfMonth() * SECONDS_PER_DAY;
        int accounts = roster.accountCount;
        payableMicros = new long[accounts];
        refundableLine = new long[accounts];
        Arrays.fill(refundableLine, -1);
        refundablePayable = new long[accounts];
        refundableGross = new long[accounts];
        refundableProduct = new int[accounts];
    }

    /** Writes every line and returns the payable sum per sub-account, in micro-CNY, indexed like the roster. */
    long[] writeTo(BillExport out) throws IOException {
        CountdownSampler sampler = new CountdownSampler(roster.accountLines);
        for (long n = 0; n < lines; n++) {
            int account = sampler.draw(random);
            long from = n * monthSeconds / lines;
            long to = (n + 1) * monthSeconds / lines;
            long time = to > from ? from + random.nextLong(to - from) : from;
            int roll = random.nextInt(1000);
            if (roll < 25 && refundableLine[account] >= 0) {
                refund(out, n, account, time);
            } else if (roll < 325) {
                subscription(out, n, account, time);
            } else {
                payAsYouGo(out, n, account, time);
            }
        }
        return payableMicros.clone();
    }

    private void subscription(BillExport out, long n, int account, long time) throws IOException {
        long mean = roster.meanMicros[roster.groupOf[account]];
        int product = Catalog.SUBSCRIPTION_PRODUCTS.pick(random);
        int kind = random.nextInt(20);
        String orderType = kind < 10 ? "New" : kind < 17 ? "Renew" : "Upgrade";
        // Mean 2.1 × the group mean: with PayAsYouGo at 0.6 × and refunds, the volume meets the target.
        long payable = cents(1 + random.nextLong(Math.max(1, mean * 21 / 5)));
        long gross = payable + floorCents(payable / 100 * random.nextInt(21));
        LocalDateTime usageStart = start.plusSeconds(time);
        LocalDateTime usageEnd = !"Upgrade".equals(orderType) && random.nextInt(10) < 3
                ? usageStart.plusYears(1) : usageStart.plusMonths(1);
        long order = orders++;
        String paidAt = offsetTime(time);
        out.print(recordId(n), instanceId(n), null, cycle, roster.accountIds[account], roster.accountIds[account],
                Long.toString(BASE_SUB_ORDER_ID + order), Long.toString(BASE_ORDER_ID + order),
                Catalog.SUBSCRIPTION_PRODUCTS.value(product), SUBSCRIPTION, "SubscriptionOrder", orderType,
                centsText(gross), centsText(payable), centsText(payable), CURRENCY,
                paidAt, paidAt, TIME.format(usageEnd), PAY_FINISH);
        add(account, payable);
        refundableLine[account] = n;
        refundablePayable[account] = payable;
        refundableGross[account] = gross;
        refundableProduct[account] = product;
    }

    private void refund(BillExport out, long n, int account, long time) throws IOException {
        int percent = 10 + random.nextInt(91);
        long payable = -cents(refundablePayable[account] / 100 * percent);
        long gross = -cents(refundableGross[account] / 100 * percent);
        long order = orders++;
        // The refund names the instance it refunds, so its related line id is the refunded line's (io-contract §2).
        out.print(recordId(n), instanceId(refundableLine[account]), recordId(refundableLine[account]), cycle, roster.accountIds[account],
                roster.accountIds[account], Long.toString(BASE_SUB_ORDER_ID + order),
                Long.toString(BASE_ORDER_ID + order),
                Catalog.SUBSCRIPTION_PRODUCTS.value(refundableProduct[account]), SUBSCRIPTION, "Refund", "Refund",
                centsText(gross), centsText(payable), centsText(payable), CURRENCY,
                offsetTime(time), null, null, PAY_FINISH);
        add(account, payable);
        refundableLine[account] = -1;
    }

    private void payAsYouGo(BillExport out, long n, int account, long time) throws IOException {
        long mean = roster.meanMicros[roster.groupOf[account]];
        int product = Catalog.PAY_AS_YOU_GO_PRODUCTS.pick(random);
        long payable = 1 + random.nextLong(Math.max(1, mean * 6 / 5));
        long gross = payable + payable / 100 * random.nextInt(11);
        boolean paid = random.nextInt(100) >= 3;
        long hour = time - time % 3600;
        out.print(recordId(n), instanceId(n), null, cycle, roster.accountIds[account], roster.accountIds[account], null, null,
                Catalog.PAY_AS_YOU_GO_PRODUCTS.value(product), PAY_AS_YOU_GO, "PayAsYouGoBill", null,
                microsText(gross), microsText(payable), paid ? microsText(payable) : microsText(0), CURRENCY,
                paid ? offsetTime(time) : null, offsetTime(hour), offsetTime(hour + 3600),
                paid ? PAY_FINISH : UNPAID);
        add(account, payable);
    }

    private void add(int account, long micros) {
        payableMicros[account] = Math.addExact(payableMicros[account], micros);
    }

    private String recordId(long n) {
        return recordPrefix + Roster.pad(n + 1, recordWidth);
    }

    /** The instance line n bills (a refund names the instance of the line it refunds). */
    private String instanceId(long n) {
        return "i-" + recordPrefix + Roster.pad(n + 1, recordWidth);
    }

    /** Time {@code seconds} after the start of the period, {@code 2026-10-03T14:05:00}. */
    private String offsetTime(long seconds) {
        if (seconds >= monthSeconds) {
            return TIME.format(start.plusSeconds(seconds));
        }
        long day = seconds / SECONDS_PER_DAY + 1;
        long rest = seconds % SECONDS_PER_DAY;
        StringBuilder text = new StringBuilder(19).append(dayPrefix);
        twoDigits(text, day).append('T');
        twoDigits(text, rest / 3600).append(':');
        twoDigits(text, rest / 60 % 60).append(':');
        return twoDigits(text, rest % 60).toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Down to whole cents, at least one cent. */
    private static long cents(long micros) {
        return Math.max(MICROS_PER_CENT, floorCents(micros));
    }

    private static long floorCents(long micros) {
        return micros - micros % MICROS_PER_CENT;
    }

    private static String centsText(long micros) {
        return BigDecimal.valueOf(micros / MICROS_PER_CENT, 2).toPlainString();
    }

    private static String microsText(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
