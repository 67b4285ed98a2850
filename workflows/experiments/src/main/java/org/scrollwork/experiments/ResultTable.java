package org.scrollwork.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A results table: a title, column names and rows of cells (strings or numbers). Written as a Markdown
 * table (for docs/mechanisms.md) and as CSV (for plotting elsewhere). Numbers are printed with {@code digits}
 * decimals in Markdown (one count for the table, or one per column) and in full in CSV.
 */
public final class ResultTable {
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<Integer> digits;

    public ResultTable(String title, List<String> columns, int digits) {
        this(title, columns, java.util.Collections.nCopies(columns.size(), digits));
    }

    /** A table whose numbers print in Markdown with {@code digits.get(i)} decimals in column {@code i}. */
    public ResultTable(String title, List<String> columns, List<Integer> digits) {
        if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        if (digits.size() != columns.size()) {
            throw new IllegalArgumentException("table '" + title + "' has " + columns.size() + " columns but " + digits.size() + " digit counts");
        }
        this.title = title;
        this.columns = List.copyOf(columns);
        this.digits = List.copyOf(digits);
    }

    public ResultTable(String title, List<String> columns) {
        this(title, columns, 3);
    }

    /** Adds a row; it must have one cell per column. Cells are strings or numbers ({@code NaN} prints as "n/a"). */
    public ResultTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table '" + title + "' has " + columns.size() + " columns");
        }
        for (Object c : cells) {
            if (!(c instanceof String || c instanceof Number)) throw new IllegalArgumentException("cell must be a string or a number: " + c);
        }
        rows.add(List.of(cells));
        return this;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    /** The table in GitHub Markdown, numbers right-aligned, preceded by its title in bold. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("**").append(title).append("**\n\n|");
        for (String c : columns) b.append(' ').append(escapeMarkdown(c)).append(" |");
        b.append("\n|");
        for (int i = 0; i < columns.size(); i++) b.append(numericColumn(i) ? "---:|" : "---|");
        b.append('\n');
        for (List<Object> r : rows) {
            b.append('|');
            for (int i = 0; i < r.size(); i++) {
                Object c = r.get(i);
                b.append(' ').append(c instanceof Number n ? format(n, digits.get(i)) : escapeMarkdown((String) c)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** RFC 4180 CSV with a header line; numbers in full precision. */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) b.append(i == 0 ? "" : ",").append(quoteCsv(columns.get(i)));
        b.append("\r\n");
        for (List<Object> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                Object c = r.get(i);
                b.append(i == 0 ? "" : ",").append(c instanceof Number n ? full(n) : quoteCsv((String) c));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    private boolean numericColumn(int i) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.get(i) instanceof Number);
    }

    static String format(Number n, int digits) {
        if (n instanceof Integer || n instanceof Long) return n.toString();
        double d = n.doubleValue();
        if (Double.isNaN(d)) return "n/a";
        return String.format(Locale.ROOT, "%." + digits + "f", d);
    }

    private static String full(Number n) {
        if (n instanceof Integer || n instanceof Long) return n.toString();
        double d = n.doubleValue();
        return Double.isNaN(d) ? "" : Double.toString(d);
    }

    private static String escapeMarkdown(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String quoteCsv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
