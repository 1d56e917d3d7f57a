package io.resettle.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to a loaded format definition for {@link ExportFormatParser}: each accessor records a
 * problem with the value's key ({@code charge_type.values}) instead of throwing, so that a
 * definition's problems are reported together.
 */
final class FormatYaml {

    private final List<String> problems;

    FormatYaml(List<String> problems) {
        this.problems = problems;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    void unknownKeys(String prefix, Map<String, Object> node, Set<String> known) {
        for (String key : node.keySet()) {
            if (!known.contains(key)) {
                problems.add(prefix + key + ": unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(key + ": must be a mapping");
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    List<Object> list(String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            problems.add(key + ": must be a list");
            return List.of();
        }
        return new ArrayList<>(l);
    }

    List<String> strings(String key, Object value) {
        List<String> result = new ArrayList<>();
        List<Object> items = list(key, value);
        for (int i = 0; i < items.size(); i++) {
            String text = string(key + "[" + i + "]", items.get(i));
            if (text == null) {
                problems.add(key + "[" + i + "]: is empty");
            } else {
                result.add(text);
            }
        }
        return result;
    }

    String string(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(key + ": must be a single value");
            return null;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }

    boolean bool(String key, Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problems.add(key + ": '" + value + "' must be true or false");
        return absent;
    }
}
