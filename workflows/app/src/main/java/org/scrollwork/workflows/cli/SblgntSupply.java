package org.scrollwork.workflows.cli;

import java.nio.file.Path;
import org.scrollwork.prior.CorpusException;
import org.scrollwork.prior.GreekCorpusFetcher;

/**
 * Where the language prior of {@code demo} and {@code run --text} gets the SBLGNT: a cache, filled on demand. In use it
 * is {@link #debian()}; tests give a stand-in, so that none of them reaches the network.
 */
interface SblgntSupply {

    /** Where the corpus is cached; it may not be there yet. */
    Path cached();

    /**
     * Fetches the corpus into {@link #cached()} and returns it.
     *
     * @throws CorpusException when it cannot be had (no apt-get, no network, a broken package)
     */
    Path fetch();

    /** Debian's {@code bibledit-data}, fetched with {@code apt-get download} into the cache that {@code lm train} uses too. */
    static SblgntSupply debian() {
        GreekCorpusFetcher fetcher = GreekCorpusFetcher.withDefaultCache();
        return new SblgntSupply() {
            @Override public Path cached() { return fetcher.sblgntPath(); }

            @Override public Path fetch() { return fetcher.sblgnt(); }
        };
    }
}
