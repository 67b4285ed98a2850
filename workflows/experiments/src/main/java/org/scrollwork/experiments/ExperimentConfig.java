package org.scrollwork.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one experiment run: a flat map of names to numbers, strings, booleans or lists, read
 * from a YAML file and {@code --set key=value} overrides. Each typed getter takes the default the
 * experiment documents and records the value used, so {@link #resolved()} is the complete config of the
 * run (written next to its results) and {@link #unused()} finds misspelt keys.
 */
public final class ExperimentConfig {
    private final String source;
    private final Map<String, Object> values;
    private final Map<String, Object> resolved = new LinkedHashMap<>();

    /** Where keys set by {@link #with} came from ({@code --set key=value}), blamed instead of {@link #source} for their values. */
    private final Map<String, String> overrideOrigins;

    /** @param source where the values came from (a file name), used in error messages */
    public ExperimentConfig(String source, Map<String, ?> values) {
        this(source, values, Map.of());
    }

    private ExperimentConfig(String source, Map<String, ?> values, Map<String, String> overrideOrigins) {
        this.source = source;
        this.values = new LinkedHashMap<>(values);
        this.overrideOrigins = Map.copyOf(overrideOrigins);
    }

    public static ExperimentConfig empty() {
        return new ExperimentConfig("defaults", Map.of());
    }

    /**
     * A copy with {@code key} set to {@code value}, as {@code --set key=value} does: a string is parsed as a number or
     * boolean when it looks like one, and {@code [a, b, ...]} as a list of such values. Errors about the value then
     * name {@code --set key=value}, not the config file.
     */
    public ExperimentConfig with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value instanceof String s ? parseValue(s) : value);
        Map<String, String> origins = new LinkedHashMap<>(overrideOrigins);
        origins.put(key, "--set " + key + "=" + value);
        return new ExperimentConfig(source, m, origins);
    }

    /** {@link #parse} for one value, or for each element of {@code [a, b, ...]} (an empty {@code []} is an empty list). */
    static Object parseValue(String s) {
        String t = s.trim();
        if (!(t.startsWith("[") && t.endsWith("]"))) return parse(t);
        String inner = t.substring(1, t.length() - 1).trim();
        if (inner.isEmpty()) return List.of();
        List<Object> l = new java.util.ArrayList<>();
        for (String part : inner.split(",", -1)) l.add(parse(part));
        return l;
    }

    public int intValue(String key, int fallback) {
        Object v = values.get(key);
        int r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            r = n.intValue();
        } else {
            throw bad(key, v, "an integer");
        }
        resolved.put(key, r);
        return r;
    }

    public long longValue(String key, long fallback) {
        Object v = values.get(key);
        long r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            r = n.longValue();
        } else {
            throw bad(key, v, "an integer");
        }
        resolved.put(key, r);
        return r;
    }

    public double doubleValue(String key, double fallback) {
        Object v = values.get(key);
        double r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Number n) {
            r = n.doubleValue();
        } else {
            throw bad(key, v, "a number");
        }
        resolved.put(key, r);
        return r;
    }

    public boolean booleanValue(String key, boolean fallback) {
        Object v = values.get(key);
        boolean r;
        if (v == null) {
            r = fallback;
        } else if (v instanceof Boolean b) {
            r = b;
        } else {
            throw bad(key, v, "true or false");
        }
        resolved.put(key, r);
        return r;
    }

    public String stringValue(String key, String fallback) {
        Object v = values.get(key);
        String r = v == null ? fallback : String.valueOf(v);
        resolved.put(key, r);
        return r;
    }

    /** A list of numbers, e.g. {@code [1, 2, 4]}; a single number is a list of one. */
    public List<Double> doubleList(String key, List<Double> fallback) {
        Object v = values.get(key);
        List<Double> r;
        if (v == null) {
            r = List.copyOf(fallback);
        } else if (v instanceof Number n) {
            r = List.of(n.doubleValue());
        } else if (v instanceof List<?> l) {
            Double[] out = new Double[l.size()];
            for (int i = 0; i < l.size(); i++) {
                if (!(l.get(i) instanceof Number n)) throw bad(key, v, "a list of numbers");
                out[i] = n.doubleValue();
            }
            r = List.of(out);
        } else {
            throw bad(key, v, "a list of numbers");
        }
        resolved.put(key, r);
        return r;
    }

    /** Every key read so far with the value used (defaults included), in the order read. */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(resolved);
    }

    /** Keys given but never read: most likely misspelt. */
    public Set<String> unused() {
        Set<String> s = new TreeSet<>(values.keySet());
        s.removeAll(resolved.keySet());
        return s;
    }

    public String source() {
        return source;
    }

    private ExperimentConfigException bad(String key, Object v, String expected) {
        String origin = overrideOrigins.getOrDefault(key, source);
        return new ExperimentConfigException(origin + ": '" + key + "' must be " + expected + ", not '" + v + "'");
    }

    /** "12" → 12, "0.5" → 0.5, "true" → true, anything else stays a string. */
    static Object parse(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return Boolean.parseBoolean(t);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }
}
