package org.scrollwork.workflows.fiji;

import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's parameters, asked with an ImageJ {@link GenericDialog} (which reads them from the
 * macro options when a macro runs the command, and records them when the recorder is on), or, in
 * a headless JVM where no dialog can exist, read from the macro options of the current thread
 * ({@link Macro#getOptions()}) with the same keys.
 *
 * <p>A field's macro key is the first word of its label, lower case ({@link Macro#trimKey}), so
 * labels are written {@code "corpus directory"}, {@code "steps"}, ...
 */
public final class Parameters {
    private enum Kind { STRING, DIRECTORY, FILE, NUMBER, CHOICE, CHECKBOX }

    /** A field; a {@code remembered} one's default is its last value, which a dialog offers and a macro must not inherit. */
    private record Field(Kind kind, String label, String defaultValue, String[] choices, boolean remembered) {
        String key() { return Macro.trimKey(label); }
    }

    private final String title;
    private final List<Field> fields = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    public Parameters(String title) { this.title = title; }

    public Parameters string(String label, String def) { return add(Kind.STRING, label, def, null); }
    public Parameters directory(String label, String def) { return add(Kind.DIRECTORY, label, def, null); }
    public Parameters file(String label, String def) { return add(Kind.FILE, label, def, null); }

    /**
     * A folder whose last value is kept in ImageJ's preferences under {@code prefKey}: the dialog offers it, but a macro
     * must name the folder (a headless call that leaves it out is an error with an example, not a silent reuse of
     * whatever the last call used).
     */
    public Parameters rememberedDirectory(String label, String prefKey) { return add(Kind.DIRECTORY, label, Prefs.get(prefKey, ""), null, true); }
    public Parameters number(String label, double def) { return add(Kind.NUMBER, label, format(def), null); }
    public Parameters choice(String label, String[] choices, String def) { return add(Kind.CHOICE, label, def, choices.clone()); }
    public Parameters checkbox(String label, boolean def) { return add(Kind.CHECKBOX, label, Boolean.toString(def), null); }

    /** A line of explanation shown above the fields. */
    public Parameters message(String text) {
        messages.add(text);
        return this;
    }

    private Parameters add(Kind k, String label, String def, String[] choices) { return add(k, label, def, choices, false); }

    private Parameters add(Kind k, String label, String def, String[] choices, boolean remembered) {
        fields.add(new Field(k, label, def == null ? "" : def, choices, remembered));
        return this;
    }

    /**
     * Asks for the values.
     *
     * @return the values by key
     * @throws CancelledException if the dialog was cancelled
     * @throws IllegalStateException in a headless JVM without macro options
     */
    public Values ask() {
        return GraphicsEnvironment.isHeadless() ? fromOptions(Macro.getOptions()) : fromDialog();
    }

    private Values fromDialog() {
        GenericDialog gd = new GenericDialog(title);
        for (String m : messages) gd.addMessage(m);
        for (Field f : fields) {
            switch (f.kind) {
                case STRING: gd.addStringField(f.label, f.defaultValue, 30); break;
                case DIRECTORY: gd.addDirectoryField(f.label, f.defaultValue, 30); break;
                case FILE: gd.addFileField(f.label, f.defaultValue, 30); break;
                case NUMBER: gd.addNumericField(f.label, Double.parseDouble(f.defaultValue), decimals(f.defaultValue)); break;
                case CHOICE: gd.addChoice(f.label, f.choices, f.defaultValue); break;
                case CHECKBOX: gd.addCheckbox(f.label, Boolean.parseBoolean(f.defaultValue)); break;
                default: throw new AssertionError(f.kind);
            }
        }
        gd.showDialog();
        if (gd.wasCanceled()) throw new CancelledException();
        Map<String, String> v = new LinkedHashMap<>();
        for (Field f : fields) {
            switch (f.kind) {
                case STRING: case DIRECTORY: case FILE: v.put(f.key(), gd.getNextString()); break;
                case NUMBER: v.put(f.key(), format(gd.getNextNumber())); break;
                case CHOICE: v.put(f.key(), gd.getNextChoice()); break;
                case CHECKBOX: v.put(f.key(), Boolean.toString(gd.getNextBoolean())); break;
                default: throw new AssertionError(f.kind);
            }
        }
        return new Values(title, v, example());
    }

    /** The values a macro options string gives (defaults for keys it lacks); what a headless run uses. */
    Values fromOptions(String options) {
        if (options == null) {
            throw new IllegalStateException(title + ": no display and no macro options; run it from a macro, e.g. run(\"" + title + "\", \""
                    + example() + "\")");
        }
        Map<String, String> v = new LinkedHashMap<>();
        String padded = " " + options + " ";
        for (Field f : fields) {
            if (f.kind == Kind.CHECKBOX) {
                v.put(f.key(), Boolean.toString(padded.contains(" " + f.key() + " ")));
            } else {
                v.put(f.key(), Macro.getValue(options, f.key(), f.remembered ? "" : f.defaultValue));
            }
        }
        return new Values(title, v, example());
    }

    private String example() {
        StringBuilder b = new StringBuilder();
        for (Field f : fields) {
            if (f.kind == Kind.CHECKBOX) continue;
            if (b.length() > 0) b.append(' ');
            b.append(f.key()).append('=').append(f.remembered || f.defaultValue.isEmpty() ? "..." : f.defaultValue.contains(" ") ? "[" + f.defaultValue + "]" : f.defaultValue);
        }
        return b.toString();
    }

    private static int decimals(String def) {
        int dot = def.indexOf('.');
        return dot < 0 ? 0 : Math.min(6, def.length() - dot - 1);
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Values by macro key, with typed getters whose errors name the command and the key. */
    public static final class Values {
        private final String title;
        private final Map<String, String> values;
        private final String example;

        Values(String title, Map<String, String> values, String example) {
            this.title = title;
            this.values = values;
            this.example = example;
        }

        public String string(String key) {
            String v = values.get(key);
            if (v == null) throw new IllegalArgumentException(title + ": no parameter '" + key + "'");
            return v.trim();
        }

        /** A string that must not be empty. */
        public String required(String key) {
            String v = string(key);
            if (v.isEmpty()) throw new IllegalArgumentException(title + ": '" + key + "' is required; from a macro, e.g. run(\"" + title + "\", \"" + example + "\")");
            return v;
        }

        public int integer(String key) {
            double d = number(key);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new IllegalArgumentException(title + ": '" + key + "' must be a whole number: " + d);
            return (int) d;
        }

        public double number(String key) {
            String s = string(key);
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(title + ": '" + key + "' must be a number: '" + s + "'", e);
            }
        }

        public boolean bool(String key) { return Boolean.parseBoolean(string(key)); }
    }
}
