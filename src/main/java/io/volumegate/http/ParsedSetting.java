package io.volumegate.http;

import java.util.function.Function;

/**
 * A setting's parsed form, parsed again only when the setting's text changes: the filters
 * read their settings on every request, and parsing (CIDR ranges, origin patterns) is not free.
 */
final class ParsedSetting<T> {
    private record Parsed<T>(String source, T value) {}

    private final Function<String, T> parser;
    private volatile Parsed<T> current;

    ParsedSetting(Function<String, T> parser) {
        this.parser = parser;
    }

    /** @throws IllegalArgumentException when the text is not valid for the setting */
    T of(String text) {
        Parsed<T> known = current;
        if (known == null || !known.source().equals(text)) current = known = new Parsed<>(text, parser.apply(text));
        return known.value();
    }
}
