package io.resettle.output;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;

/**
 * manifest.json of a settlement revision (io-contract §3): what went in (policy and export files
 * with SHA-256 and row counts) and what came out (every file with SHA-256, rows and money totals).
 * Written with a fixed key order and no timestamps, so a restarted run writes the same bytes.
 */
public final class Manifest {

    /**
     * Two spaces a level for objects and arrays alike, {@code "key": value}, {@code []} and {@code {}}
     * when empty, a newline at the end: the layout manifests have always had.
     */
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Control characters as manifests have always escaped them: newline, return and tab by letter, the others in lower-case hex. */
    private static final CharacterEscapes CONTROL_CHARACTERS = new CharacterEscapes() {
        private final int[] codes = standardAsciiEscapesForJSON();

        {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            // Asked for every character above ASCII too: those are written as they are (UTF-8).
            return c < 0x20 ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    };

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Map<String, Object>> outputs = new ArrayList<>();

    public Manifest(String period, int revision, long jobExecutionId, String exitStatus, String policyFile,
            String policySha256) {
        root.put("period", period);
        root.put("revision", revision);
        root.put("job_execution_id", jobExecutionId);
        root.put("exit_status", exitStatus);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("file", policyFile);
        policy.put("sha256", policySha256);
        root.put("policy", policy);
        root.put("inputs", inputs);
        root.put("outputs", outputs);
    }

    public void input(String file, String sha256, String status, long rows, long accepted, long rejected) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("file", file);
        input.put("sha256", sha256);
        input.put("status", status);
        input.put("rows", rows);
        input.put("accepted", accepted);
        input.put("rejected", rejected);
        inputs.add(input);
    }

    /**
     * An output file. Each total is written as a JSON string with the file's decimals, so no reader
     * turns it into a float. A two-decimal total is round2 of the column's amounts as the database
     * holds them (reconciliation differences and group volumes have twelve decimals there, the
     * CSV shows each rounded); six-decimal totals (rebate slices) add up amounts already written
     * with six decimals, so {@code setScale} without a rounding mode: more decimals would throw.
     */
    public void output(Written file) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("file", file.name());
        output.put("sha256", file.sha256());
        output.put("rows", file.rows());
        Map<String, String> totals = new LinkedHashMap<>();
        file.totals().forEach((column, total) -> totals.put(column, amount(file, column, total)));
        output.put("totals", totals);
        outputs.add(output);
    }

    private static String amount(Written file, String column, BigDecimal total) {
        if (file.totalsScale() == Money.CENT_SCALE) {
            return Money.round2(total).toPlainString();
        }
        try {
            return total.setScale(file.totalsScale()).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("the total of " + column + " in " + file.name() + ", " + total.toPlainString()
                    + ", has more than the file's " + file.totalsScale() + " decimals", e);
        }
    }

    public String toJson() {
        return JSON.writer().with(LAYOUT).with(CONTROL_CHARACTERS).writeValueAsString(root) + "\n";
    }
}
