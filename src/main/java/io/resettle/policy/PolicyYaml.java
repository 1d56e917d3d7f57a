package io.resettle.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to a loaded policy document for {@link PolicyParser} and its section parsers: each
 * accessor records a problem with the value's key path instead of throwing, so that a policy file's
 * problems are reported together.
 */
final class PolicyYaml {

    private final List<String> problems;

    PolicyYaml(List<String> problems) {
        this.problems = problems;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    Map<String, Object> map(String path, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        problems.add(path + " must be a mapping");
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        problems.add(path + " must be a list");
        return List.of();
    }

    /** A key the section does not know is a problem (the section's own parser checks them). */
    void known(String path, Map<String, Object> section, Set<String> keys) {
        for (String key : section.keySet()) {
            if (!keys.contains(key)) {
                problems.add(path + "." + key + " is not a known key (expected " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    String string(String path, Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }

    String required(String path, Object value, int maxLength) {
        String text = optional(path, value, maxLength);
        if (text == null) {
            problems.add(path + " is required");
        }
        return text;
    }

    String optional(String path, Object value, int maxLength) {
        if (value == null || text(value).isEmpty()) {
            return null;
        }
        String text = text(value);
        if (text.length() > maxLength) {
            problems.add(path + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    BigDecimal decimal(String path, Object value) {
        if (value == null) {
            problems.add(path + " is required");
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            problems.add(path + " '" + value + "' is not a number");
            return null;
        }
    }

    int wholeNumber(String path, Object value) {
        BigDecimal number = decimal(path, value);
        if (number == null) {
            return 0;
        }
        try {
            int whole = number.intValueExact();
            if (whole < 0) {
                problems.add(path + " " + value + " is negative");
            }
            return whole;
        } catch (ArithmeticException e) {
            problems.add(path + " '" + value + "' is not a whole number");
            return 0;
        }
    }

    BigDecimal rate(String path, Object value) {
        BigDecimal rate = decimal(path, value);
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(path + " " + rate.toPlainString() + " is outside [0, 1]");
        }
        return rate;
    }

    <E extends Enum<E>> E enumValue(String path, Object value, Class<E> type) {
        if (value == null) {
            problems.add(path + " is required");
            return null;
        }
        String name = String.valueOf(value).strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        List<String> known = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            known.add(constant.name());
        }
        problems.add(path + ": unknown value '" + value + "' (expected one of " + String.join(", ", known) + ")");
        return null;
    }

    Set<String> lowerCaseSet(String path, Object value) {
        Set<String> set = new HashSet<>();
        for (Object item : list(path, value)) {
            set.add(String.valueOf(item).strip().toLowerCase(Locale.ROOT));
        }
        return set;
    }

    static <T> void add(Set<T> set, T value) {
        if (value != null) {
            set.add(value);
        }
    }
}
