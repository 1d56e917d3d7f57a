package io.resettle.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one bench run measured, as the console table and as JSON (docs/performance.md): the
 * phases (wall time, heap, database size, CPU seconds), the baseline and its parts, each step, the
 * ratio to the baseline and the CHARGE discount total of both sides.
 */
record BenchReport(Bench.Settings settings, List<Bench.Phase> phases, List<Bench.Phase> steps, Bench.Phase baselinePhase,
        PlainSqlBaseline.Result baseline, double ratio, BigDecimal discount) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    void print(PrintStream out) {
        out.printf("%n%-44s %10s %12s %10s %10s %10s %8s %8s %8s %8s%n", "phase", "wall s", "lines/s", "heap MiB",
                "live MiB", "db MiB", "JVM cpu", "JIT", "db cpu", "young GC");
        for (Bench.Phase phase : phases) {
            printPhase(out, phase.name(), phase);
        }
        printPhase(out, "baseline (plain SQL)", baselinePhase);
        out.printf("  baseline: COPY in %.2f s, INSERT … SELECT %.2f s, COPY out %.2f s%n", baseline.copyInSeconds(),
                baseline.priceSeconds(), baseline.copyOutSeconds());
        out.printf("%nsteps%n");
        for (Bench.Phase step : steps) {
            out.printf("  %-42s %10.2f %,12.0f%n", step.name(), step.seconds(), step.linesPerSecond());
        }
        out.printf("%nResettle end to end / baseline: %.2f× (%.2f s / %.2f s)%n", ratio, phases.get(2).seconds(),
                baseline.seconds());
        CpuMeter.Sample cpu = phases.get(2).cpu();
        CpuMeter.Sample baselineCpu = baselinePhase.cpu();
        if (cpu != null && baselineCpu != null && !Double.isNaN(cpu.databaseSeconds())) {
            double resettle = cpu.jvmSeconds() + cpu.databaseSeconds();
            double plain = baselineCpu.jvmSeconds() + baselineCpu.databaseSeconds();
            out.printf("CPU seconds, JVM + database server: Resettle %.1f (%.1f + %.1f, JIT %.1f), baseline %.1f: %.2f×%n",
                    resettle, cpu.jvmSeconds(), cpu.databaseSeconds(), cpu.compileSeconds(), plain, resettle / plain);
        }
        out.printf("CHARGE discount total: Resettle %s, baseline %s (%s)%n", discount.toPlainString(),
                baseline.discount().toPlainString(), discount.compareTo(baseline.discount()) == 0 ? "equal" : "DIFFERENT");
    }

    private static void printPhase(PrintStream out, String name, Bench.Phase phase) {
        CpuMeter.Sample cpu = phase.cpu();
        out.printf("%-44s %10.2f %,12.0f %10d %10d %10d %8s %8s %8s %8s%n", name, phase.seconds(), phase.linesPerSecond(),
                phase.peakHeapMb(), phase.liveHeapMb(), phase.databaseBytes() / (1024 * 1024),
                cpu == null ? "" : cpuSeconds(cpu.jvmSeconds()), cpu == null ? "" : cpuSeconds(cpu.compileSeconds()),
                cpu == null ? "" : cpuSeconds(cpu.databaseSeconds()),
                cpu == null ? "" : cpuSeconds(cpu.youngGcPauseSeconds()));
    }

    /** Seconds with one decimal, or "n/a" where not known (a server on another machine, another collector). */
    private static String cpuSeconds(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.1f", seconds);
    }

    ObjectNode json() {
        ObjectNode json = JSON.createObjectNode();
        json.put("lines", settings.lines());
        json.put("groups", settings.groups());
        json.put("subAccounts", settings.subAccounts());
        json.put("seed", settings.seed());
        json.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        phases(json.putArray("phases"), phases);
        phase(json.putObject("baseline"), baselinePhase);
        ObjectNode parts = json.putObject("baselineParts");
        parts.put("copyInSeconds", fixed(baseline.copyInSeconds()));
        parts.put("priceSeconds", fixed(baseline.priceSeconds()));
        parts.put("copyOutSeconds", fixed(baseline.copyOutSeconds()));
        phases(json.putArray("steps"), steps);
        json.put("ratioToBaseline", fixed(ratio));
        ObjectNode charge = json.putObject("chargeDiscount");
        charge.put("resettle", discount.toPlainString());
        charge.put("baseline", baseline.discount().toPlainString());
        return json;
    }

    /** The runs of a sweep as one JSON document. */
    static String sweepJson(List<Bench.Run> runs) {
        ObjectNode json = JSON.createObjectNode();
        ArrayNode sweep = json.putArray("sweep");
        runs.forEach(run -> sweep.add(run.json()));
        return text(json);
    }

    static String text(ObjectNode json) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    private static void phases(ArrayNode array, List<Bench.Phase> phases) {
        phases.forEach(phase -> phase(array.addObject(), phase));
    }

    /** A step has no heap and database figures of its own: they are left out. */
    private static void phase(ObjectNode json, Bench.Phase phase) {
        json.put("name", phase.name());
        json.put("seconds", fixed(phase.seconds()));
        json.put("lines", phase.lines());
        json.put("linesPerSecond", Math.round(phase.linesPerSecond()));
        if (phase.peakHeapMb() >= 0) {
            json.put("peakHeapMb", phase.peakHeapMb());
            json.put("liveHeapMb", phase.liveHeapMb());
            json.put("databaseBytes", phase.databaseBytes());
        }
        if (phase.cpu() != null) {
            json.put("jvmCpuSeconds", fixed(phase.cpu().jvmSeconds()));
            json.put("jitSeconds", fixed(phase.cpu().compileSeconds()));
            json.put("databaseCpuSeconds", fixed(phase.cpu().databaseSeconds()));
            json.put("youngGcPauseSeconds", fixed(phase.cpu().youngGcPauseSeconds()));
        }
    }

    /** Seconds and ratios with three decimals. */
    private static BigDecimal fixed(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP) : null;
    }
}
