package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.scrollwork.experiments.InvalidSetting;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PriorModels;

/**
 * A character model named as the prior experiments' {@code model} setting takes it: {@code ORDER} (an n-gram counted on
 * the train books), {@code FILE} (a saved model) or {@code FILE+ORDER} (the saved model mixed with the n-gram, the
 * weight chosen on validation).
 */
public record ModelSpec(Optional<Path> file, OptionalInt order) {

    public ModelSpec {
        if (file.isEmpty() && order.isEmpty()) throw new IllegalArgumentException("a model spec needs a file or an order");
        if (order.isPresent() && order.getAsInt() < 1) throw new IllegalArgumentException("n-gram order must be at least 1");
    }

    /** Parses {@code text} as the setting {@code key}. */
    static ModelSpec parse(String key, String text) {
        String t = text.trim();
        if (t.matches("\\d+")) return ngram(key, t, text);
        int plus = t.lastIndexOf('+');
        if (plus < 0) return file(key, t, text, OptionalInt.empty());
        return file(key, t.substring(0, plus), text, OptionalInt.of(orderOf(key, t.substring(plus + 1), text)));
    }

    private static ModelSpec ngram(String key, String order, String text) {
        return new ModelSpec(Optional.empty(), OptionalInt.of(orderOf(key, order, text)));
    }

    private static ModelSpec file(String key, String file, String text, OptionalInt order) {
        if (file.isBlank()) throw new InvalidSetting(key, "ORDER, FILE or FILE+ORDER", text);
        return new ModelSpec(Optional.of(Path.of(file)), order);
    }

    private static int orderOf(String key, String order, String text) {
        if (!order.matches("\\d+") || Integer.parseInt(order) < 1) throw new InvalidSetting(key, "ORDER, FILE or FILE+ORDER with ORDER at least 1", text);
        return Integer.parseInt(order);
    }

    /** The model: counted, loaded, or loaded and mixed. */
    CharModel load(PriorTexts texts) {
        if (file.isEmpty()) return NgramModel.train(texts.train(), order.getAsInt());
        CharModel a = PriorModels.load(file.get());
        if (order.isEmpty()) return a;
        NgramModel b = NgramModel.train(texts.train(), order.getAsInt());
        return new InterpolatedModel(a, b, InterpolatedModel.tuneWeight(a, b, texts.validation()));
    }

    @Override public String toString() {
        return file.map(Path::toString).orElse("") + (file.isPresent() && order.isPresent() ? "+" : "") + (order.isPresent() ? String.valueOf(order.getAsInt()) : "");
    }
}
