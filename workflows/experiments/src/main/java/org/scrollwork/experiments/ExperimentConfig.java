package org.scrollwork.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The settings of one experiment run: a flat map of names to numbers, strings, booleans or lists, read
 * from a YAML file and {@code --set key=value} overrides. Each typed getter takes the default the
 * experiment documents and records the value used, so {@link #resolved()} is the complete config of the
 * run (written next to its results) and {@link #unused()} finds misspelt keys. An experiment reads its settings in
 * one place, into a record validated in its constructor ({@link #validated}).
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
        } else if (v instanceof Number n && isInt(n)) {
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

    /** A list of numbers, e.g. {@code [1, 2, 4]} or {@code 1,2,4}; a single number is a list of one. */
    public List<Double> doubleList(String key, List<Double> fallback) {
        return numberList(key, fallback, "a list of numbers", n -> true, Number::doubleValue);
    }

    /** A list of integers, e.g. {@code [16, 32]} or {@code 16,32}; a single integer is a list of one. */
    public List<Integer> intList(String key, List<Integer> fallback) {
        return numberList(key, fallback, "a list of integers", ExperimentConfig::isInt, Number::intValue);
    }

    private <T> List<T> numberList(String key, List<T> fallback, String what, Predicate<Number> accepted, Function<Number, T> as) {
        Object v = values.get(key);
        List<T> r;
        if (v == null) {
            r = List.copyOf(fallback);
        } else {
            List<T> out = new ArrayList<>();
            for (Object e : elements(v)) {
                if (!(e instanceof Number n && accepted.test(n))) throw bad(key, v, what);
                out.add(as.apply(n));
            }
            r = List.copyOf(out);
        }
        resolved.put(key, r);
        return r;
    }

    /**
     * One of an enum's constants, named in lower case with {@code -} for {@code _} (e.g. {@code geometry} for
     * {@code GEOMETRY}); the error lists the names. The name is what {@link #resolved()} records.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        Object v = values.get(key);
        E r = v == null ? fallback : constant(key, v, String.valueOf(v), type);
        resolved.put(key, nameOf(r));
        return r;
    }

    /** A list of an enum's constants, e.g. {@code [native, coregistered]} or {@code native,coregistered}; one name is a list of one. */
    public <E extends Enum<E>> List<E> enumList(String key, Class<E> type, List<E> fallback) {
        Object v = values.get(key);
        List<E> r;
        if (v == null) {
            r = List.copyOf(fallback);
        } else {
            List<E> out = new ArrayList<>();
            for (Object e : elements(v)) out.add(constant(key, v, String.valueOf(e), type));
            r = List.copyOf(out);
        }
        resolved.put(key, r.stream().map(ExperimentConfig::nameOf).toList());
        return r;
    }

    /** A file or directory; {@code fallback} when the key is not set. */
    public Path pathValue(String key, Path fallback) {
        Object v = values.get(key);
        if (v != null && (v instanceof List<?> || String.valueOf(v).isBlank())) throw bad(key, v, "a path");
        Path r = v == null ? fallback : Path.of(String.valueOf(v));
        resolved.put(key, r.toString());
        return r;
    }

    /** A file or directory that may be left out: empty when the key is not set, is null or is {@code ""}. */
    public Optional<Path> optionalPath(String key) {
        Object v = values.get(key);
        if (v instanceof List<?>) throw bad(key, v, "a path");
        Optional<Path> r = v == null || String.valueOf(v).isBlank() ? Optional.empty() : Optional.of(Path.of(String.valueOf(v)));
        resolved.put(key, r.map(Path::toString).orElse(""));
        return r;
    }

    /**
     * Builds a typed config (usually a record validated in its constructor) from this one: an {@link InvalidSetting}
     * it throws becomes an {@link ExperimentConfigException} that names where the key's value came from, as the
     * typed getters' errors do.
     */
    public <T> T validated(Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSetting e) {
            throw new ExperimentConfigException(origin(e.key()) + ": " + e.getMessage());
        }
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
        return new ExperimentConfigException(origin(key) + ": '" + key + "' must be " + expected + ", not '" + v + "'");
    }

    /** Where {@code key}'s value came from: its {@code --set} option, or the config's source. */
    private String origin(String key) {
        return overrideOrigins.getOrDefault(key, source);
    }

    /** A list's elements; a string {@code a,b,c} (as {@code --set key=a,b,c} gives) is split at its commas, any other value is a list of one. */
    private static List<?> elements(Object v) {
        if (v instanceof List<?> l) return l;
        if (v instanceof String s && s.contains(",")) return java.util.Arrays.stream(s.split(",", -1)).map(ExperimentConfig::parse).toList();
        return List.of(v);
    }

    private static boolean isInt(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
    }

    private <E extends Enum<E>> E constant(String key, Object v, String name, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (nameOf(e).equals(name.trim().toLowerCase(Locale.ROOT))) return e;
        }
        throw bad(key, v, "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(ExperimentConfig::nameOf).toList()));
    }

    /** An enum constant as configs name it: lower case, {@code -} for {@code _}. */
    public static String nameOf(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
