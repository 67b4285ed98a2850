package org.scrollwork.pipeline.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The report pages' Mustache templates ({@code *.html.mustache} beside these classes, mustache.java): {@code {{x}}}
 * HTML-escapes what it inserts ({@code & < > " ' ` =}), {@code {{{x}}}} inserts HTML as it is.
 */
final class HtmlTemplates {
    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("org/scrollwork/pipeline/report");
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private HtmlTemplates() {}

    /** Renders template {@code name} with {@code view} (records: their accessors are the template's names). */
    static String render(String name, Object view) {
        Mustache m = COMPILED.computeIfAbsent(name, FACTORY::compile);
        StringWriter out = new StringWriter();
        try {
            m.execute(out, view).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
