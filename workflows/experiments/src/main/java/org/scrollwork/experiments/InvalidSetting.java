package org.scrollwork.experiments;

import java.util.Collection;

/**
 * A setting of the right type but an unusable value, thrown by a typed experiment config's constructor; the message
 * names the key ({@code 'steps' must be at least 1, not 0}). {@link ExperimentConfig#validated} adds where the value
 * came from. The static checks return the value they accept, for use in compact constructors.
 */
public final class InvalidSetting extends IllegalArgumentException {
    private final String key;

    public InvalidSetting(String key, String mustBe, Object value) {
        super("'" + key + "' must be " + mustBe + ", not '" + value + "'");
        this.key = key;
    }

    /** The setting's name. */
    public String key() {
        return key;
    }

    public static int atLeast(String key, int value, int min) {
        if (value < min) throw new InvalidSetting(key, "at least " + min, value);
        return value;
    }

    public static double positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) throw new InvalidSetting(key, "a positive number", value);
        return value;
    }

    public static double nonNegative(String key, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) throw new InvalidSetting(key, "zero or a positive number", value);
        return value;
    }

    /** {@code value} in {@code [min, max]}. */
    public static double within(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) throw new InvalidSetting(key, "between " + min + " and " + max, value);
        return value;
    }

    public static <C extends Collection<?>> C nonEmpty(String key, C values) {
        if (values.isEmpty()) throw new InvalidSetting(key, "a list of at least one value", values);
        return values;
    }
}
