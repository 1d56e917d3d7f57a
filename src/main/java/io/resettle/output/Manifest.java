package io.resettle.output;

import io.resettle.support.csv.CsvOutput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json of a settlement revision (io-contract §3): what went in (policy and export files
 * with SHA-256 and row counts) and what came out (every file with SHA-256, rows and money totals).
 * Written with a fixed key order and no timestamps, so a restarted run writes the same bytes.
 */
public final class Manifest {

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

    public void output(String file, String sha256, long rows, Map<String, BigDecimal> moneyTotals) {
        output(file, sha256, rows, moneyTotals, 2);
    }

    /** An output file whose totals have {@code scale} decimals, as the file has them (six for rebate slices). */
    public void output(String file, String sha256, long rows, Map<String, BigDecimal> moneyTotals, int scale) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("file", file);
        output.put("sha256", sha256);
        output.put("rows", rows);
        Map<String, Object> totals = new LinkedHashMap<>();
        moneyTotals.forEach((column, total) -> totals.put(column, new Money(scale == 2 ? CsvOutput.money(total)
                : total.setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString())));
        output.put("totals", totals);
        outputs.add(output);
    }

    public String toJson() {
        StringBuilder json = new StringBuilder();
        write(json, root, "");
        return json.append('\n').toString();
    }

    /** An amount, written as a JSON string with its decimals so no reader turns it into a float. */
    private record Money(String text) {
    }

    private static void write(StringBuilder json, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                json.append("{}");
                return;
            }
            json.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(indent).append("  ").append(quote(entry.getKey().toString())).append(": ");
                write(json, entry.getValue(), indent + "  ");
                json.append(++i < map.size() ? ",\n" : "\n");
            }
            json.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                json.append("[]");
                return;
            }
            json.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                json.append(indent).append("  ");
                write(json, list.get(i), indent + "  ");
                json.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            json.append(indent).append(']');
        } else if (value instanceof Number number) {
            json.append(number);
        } else if (value instanceof Money money) {
            json.append(quote(money.text()));
        } else if (value == null) {
            json.append("null");
        } else {
            json.append(quote(value.toString()));
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
