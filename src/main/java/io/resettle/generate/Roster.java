package io.resettle.generate;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * The customers of a generated data set and the plan of their billing: who the groups and
 * sub-accounts are, how many lines each sub-account gets and how large they are on average.
 * Memory is O(groups + sub-accounts); nothing here grows with the number of lines.
 *
 * <p>Each group aims at a monthly volume in one band of the {@code standard} discount table (R4):
 * below 50,000, 50,000–200,000, 200,000–1,000,000 or above 1,000,000, so that pricing spreads
 * over every tier whatever the number of lines. A group's lines get a mean amount of target ÷ line
 * count, which keeps its volume near the target.
 */
final class Roster {

    /** Monthly target volume bands in whole CNY, each well inside one tier of the standard table. */
    private static final long[][] BANDS = {
        {5_000, 40_000}, {70_000, 170_000}, {260_000, 850_000}, {1_200_000, 3_000_000}};

    /** Band of group g is BAND_CYCLE[g % 4]: two groups already give one below 50,000 and one above 200,000. */
    private static final int[] BAND_CYCLE = {0, 2, 1, 3};

    /** First 16-digit sub-account id; ids step by more than the random jitter, so they stay unique and ascending. */
    private static final long ACCOUNT_ID_BASE = 1_300_000_000_000_000L;
    private static final int ACCOUNT_ID_STEP = 1009;

    static final long MICROS_PER_CNY = 1_000_000L;

    final int groupCount;
    final int accountCount;

    final String[] groupIds;
    final String[] groupNumbers;
    final String[] groupNames;
    final String[] groupSlugs;
    final String[] groupTaxIds;
    final long[] targetVolume;
    final long[] groupLines;
    /** Mean payable per line of the group, in micro-CNY; 0 for a group without lines. */
    final long[] meanMicros;
    /** Accounts of group g are firstAccount[g] .. firstAccount[g + 1] - 1; the first is the PRIMARY. */
    final int[] firstAccount;

    final String[] accountIds;
    final int[] groupOf;
    final boolean[] prepaid;
    final long[] accountLines;

    Roster(GeneratorOptions options, SplittableRandom random) {
        groupCount = options.groups();
        accountCount = options.subAccounts();
        int width = Math.max(4, Integer.toString(groupCount).length());

        groupIds = new String[groupCount];
        groupNumbers = new String[groupCount];
        groupNames = new String[groupCount];
        groupSlugs = new String[groupCount];
        groupTaxIds = new String[groupCount];
        targetVolume = new long[groupCount];
        long[] groupWeights = new long[groupCount];
        for (int g = 0; g < groupCount; g++) {
            groupNumbers[g] = pad(g + 1, width);
            groupIds[g] = "GRP-" + groupNumbers[g];
            if (random.nextInt(10) == 0) {
                int latin = random.nextInt(Catalog.LATIN_NAMES.length);
                groupNames[g] = Catalog.LATIN_NAMES[latin];
                groupSlugs[g] = Catalog.LATIN_SLUGS[latin] + "-g" + groupNumbers[g];
            } else {
                int brand = random.nextInt(Catalog.BRANDS.length);
                groupNames[g] = Catalog.CITIES[random.nextInt(Catalog.CITIES.length)] + Catalog.BRANDS[brand]
                        + Catalog.SUFFIXES[random.nextInt(Catalog.SUFFIXES.length)];
                groupSlugs[g] = Catalog.BRAND_SLUGS[brand] + "-g" + groupNumbers[g];
            }
            groupTaxIds[g] = Catalog.taxId(random);
            long[] band = BANDS[BAND_CYCLE[g % BAND_CYCLE.length]];
            targetVolume[g] = band[0] + random.nextLong(band[1] - band[0]);
            // Bigger customers have more lines, not only bigger ones.
            groupWeights[g] = targetVolume[g] * (50 + random.nextInt(101));
        }

        int[] sizes = new int[groupCount];
        java.util.Arrays.fill(sizes, 1);
        for (int extra = groupCount; extra < accountCount; extra++) {
            sizes[random.nextInt(groupCount)]++;
        }
        firstAccount = new int[groupCount + 1];
        for (int g = 0; g < groupCount; g++) {
            firstAccount[g + 1] = firstAccount[g] + sizes[g];
        }

        accountIds = new String[accountCount];
        groupOf = new int[accountCount];
        prepaid = new boolean[accountCount];
        long[] accountWeights = new long[accountCount];
        int prepaidCount = 0;
        for (int g = 0; g < groupCount; g++) {
            for (int a = firstAccount[g]; a < firstAccount[g + 1]; a++) {
                accountIds[a] = Long.toString(ACCOUNT_ID_BASE + (long) a * ACCOUNT_ID_STEP + random.nextInt(1000));
                groupOf[a] = g;
                prepaid[a] = random.nextInt(10) < 3;
                prepaidCount += prepaid[a] ? 1 : 0;
                accountWeights[a] = 1 + random.nextInt(100) + (a == firstAccount[g] ? 50 : 0);
            }
        }
        // Both settlement modes appear whenever there are two sub-accounts (R6).
        if (accountCount >= 2 && prepaidCount == 0) {
            prepaid[accountCount - 1] = true;
        } else if (accountCount >= 2 && prepaidCount == accountCount) {
            prepaid[accountCount - 1] = false;
        }

        groupLines = apportion(options.lines(), groupWeights);
        accountLines = new long[accountCount];
        meanMicros = new long[groupCount];
        for (int g = 0; g < groupCount; g++) {
            int from = firstAccount[g];
            int size = firstAccount[g + 1] - from;
            long[] weights = new long[size];
            System.arraycopy(accountWeights, from, weights, 0, size);
            System.arraycopy(apportion(groupLines[g], weights), 0, accountLines, from, size);
            meanMicros[g] = groupLines[g] == 0 ? 0
                    : Math.max(1, targetVolume[g] * MICROS_PER_CNY / groupLines[g]);
        }
    }

    int primaryOf(int group) {
        return firstAccount[group];
    }

    /**
     * Splits {@code total} in proportion to {@code weights} exactly: part i is
     * floor(total × cumulative_i ÷ W) − floor(total × cumulative_(i−1) ÷ W), so the parts add up to
     * the total without any sorting.
     */
    static long[] apportion(long total, long[] weights) {
        BigInteger whole = BigInteger.ZERO;
        for (long weight : weights) {
            whole = whole.add(BigInteger.valueOf(weight));
        }
        long[] parts = new long[weights.length];
        if (whole.signum() == 0) {
            return parts;
        }
        BigInteger scaledTotal = BigInteger.valueOf(total);
        BigInteger cumulative = BigInteger.ZERO;
        long previous = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative = cumulative.add(BigInteger.valueOf(weights[i]));
            long upTo = scaledTotal.multiply(cumulative).divide(whole).longValueExact();
            parts[i] = upTo - previous;
            previous = upTo;
        }
        return parts;
    }

    static String pad(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
