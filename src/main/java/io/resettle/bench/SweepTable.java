package io.resettle.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's summary: each phase and step (partitions left out: their step counts them) by
 * sweep point, and its growth from the first point to the last (the last time ÷ the first).
 * Growth well above 1 in a step whose work does not depend on the number of sub-accounts is a
 * per-account or per-group cost.
 */
final class SweepTable {

    private final List<Bench.Run> runs;

    SweepTable(List<Bench.Run> runs) {
        this.runs = runs;
    }

    /** Seconds by row name and run, in the order the rows first appear. */
    Map<String, double[]> rows() {
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Bench.Run run = runs.get(i);
            List<Bench.Phase> named = new ArrayList<>(run.steps().stream().filter(s -> !s.name().contains(":")).toList());
            named.addAll(run.phases());
            named.add(run.baseline());
            for (Bench.Phase phase : named) {
                double[] row = rows.computeIfAbsent(phase.name(), name -> filled(runs.size()));
                row[i] = phase.seconds();
            }
            rows.computeIfAbsent("ratio to baseline", name -> filled(runs.size()))[i] = run.ratio();
        }
        return rows;
    }

    void print(PrintStream out) {
        out.printf("%nsweep: seconds by sub-accounts (groups), %,d lines; growth = last ÷ first%n",
                runs.get(0).settings().lines());
        StringBuilder header = new StringBuilder(String.format("%-34s", "step"));
        for (Bench.Run run : runs) {
            header.append(String.format("%18s", String.format("%,d (%,d)", run.settings().subAccounts(),
                    run.settings().groups())));
        }
        out.println(header.append(String.format("%10s", "growth")));
        for (Map.Entry<String, double[]> row : rows().entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%-34s", row.getKey()));
            double[] values = row.getValue();
            for (double value : values) {
                line.append(Double.isNaN(value) ? String.format("%18s", "-") : String.format("%18.2f", value));
            }
            double first = values[0];
            double last = values[values.length - 1];
            line.append(first > 0 && !Double.isNaN(last) ? String.format("%9.1f×", last / first) : String.format("%10s", "-"));
            out.println(line);
        }
    }

    private static double[] filled(int size) {
        double[] values = new double[size];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
