package org.scrollwork.io.zarr;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;

/**
 * A Zarr store served over HTTP(S) (the Vesuvius Challenge's {@code https://dl.ash2txt.org/.../volume.zarr/}): key
 * {@code k} is fetched with one {@code GET} of {@code BASE/k}. 404 (and 410) mean the key is absent, as a missing file
 * does for a folder; 5xx, 429, I/O errors, timeouts and bodies shorter than their {@code Content-Length} are retried
 * with doubling backoff, then reported as a one-line {@link FormatException} naming the URL; any other status is such
 * an exception at once. Redirects are followed within the store's origin only, unless {@link Options#otherOrigins()}.
 * Keys are relative paths under the base URL: characters that would leave it ({@code ':'},
 * {@code '?'}, {@code '#'}, {@code '%'}, {@code '\\'}, {@code "."} and {@code ".."} segments) are refused. Thread-safe
 * (one {@link HttpClient}, no mutable state).
 */
public final class HttpZarrStore implements RemoteZarrStore {

    /**
     * How patient the store is.
     *
     * @param connectTimeout to open a connection
     * @param requestTimeout from sending a request to the end of its response's body
     * @param retries further tries after a failed one (5xx, 429, I/O error, timeout, short body)
     * @param backoff wait before the first retry, doubled before each next one
     * @param otherOrigins whether a redirect to another origin (scheme, host or port) is followed; redirects within
     *     the store's origin always are (at most {@value HttpZarrStore#MAX_REDIRECTS} in a row)
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, int retries, Duration backoff, boolean otherOrigins) {
        /** 10 s to connect, 60 s for a response, 3 retries after 0.5, 1 and 2 s; no redirects to other origins. */
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofMillis(500));

        public Options {
            if (retries < 0) throw new IllegalArgumentException("retries must be at least 0");
        }

        /** Options that follow no redirect to another origin. */
        public Options(Duration connectTimeout, Duration requestTimeout, int retries, Duration backoff) {
            this(connectTimeout, requestTimeout, retries, backoff, false);
        }

        /** These options, following redirects to other origins or not. */
        public Options withOtherOrigins(boolean follow) {
            return new Options(connectTimeout, requestTimeout, retries, backoff, follow);
        }
    }

    /** Redirects followed in a row before a key is given up. */
    public static final int MAX_REDIRECTS = 5;

    private final URI base;
    private final Options options;
    private final HttpClient client;

    private HttpZarrStore(URI base, Options options) {
        this.base = base;
        this.options = options;
        this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A store at {@code url} (a trailing {@code /} is added when missing). Nothing is fetched yet.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute {@code http(s)} URL with a host, or has a query or fragment
     */
    public static HttpZarrStore open(URI url, Options options) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException(url + ": only http:// and https:// URLs are read");
        if (url.getHost() == null) throw new IllegalArgumentException(url + ": the URL has no host");
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(url + ": a store URL has no query or fragment (?, #)");
        }
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        if (!path.endsWith("/")) path += "/";
        try {
            return new HttpZarrStore(new URI(scheme, url.getRawAuthority() == null ? null : url.getAuthority(), path, null, null), options);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url + ": " + e.getMessage(), e);
        }
    }

    /** Same as {@link #open(URI, Options)} with {@link Options#DEFAULTS}. */
    public static HttpZarrStore open(URI url) { return open(url, Options.DEFAULTS); }

    @Override public URI base() { return base; }

    /**
     * The URL of a key.
     *
     * @throws FormatException naming the base URL when the key is not a plain relative key under it
     */
    public URI url(String key) {
        if (key.isEmpty()) return base;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || ":?#%\\".indexOf(c) >= 0) throw refused(key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) throw refused(key);
        }
        try {
            URI u = new URI(base.getScheme(), base.getAuthority(), base.getPath() + key, null, null);
            if (!u.normalize().toString().startsWith(base.toString())) throw refused(key);
            return u;
        } catch (URISyntaxException e) {
            throw refused(key);
        }
    }

    private FormatException refused(String key) {
        return new FormatException(base, "key '" + key + "' is not a plain relative key; keys stay under the store's URL");
    }

    @Override public Path path(String key) { return Path.of(key); }

    @Override public FormatException named(FormatException e) {
        if (e.uri().isPresent() || e.path() == null || e.path().isAbsolute()) return e;
        URI u;
        try {
            u = url(e.path().toString());
        } catch (FormatException bad) {
            u = base;
        }
        return e.at(u);
    }

    @Override public String location() { return base.toString(); }

    /** Why one try failed in a way worth retrying, and what to report when no try is left. */
    private static final class Transient extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FormatException report;

        Transient(FormatException report) {
            super(report.getMessage(), null, false, false);
            this.report = report;
        }
    }

    @Override public Optional<byte[]> read(String key, long maxBytes) {
        URI u = url(key);
        long wait = options.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return following(u, maxBytes);
            } catch (Transient t) {
                if (attempt > options.retries()) {
                    FormatException last = t.report;
                    String tries = attempt == 1 ? "" : " (" + attempt + " tries)";
                    if (last instanceof TruncatedFileException tr) {
                        FormatException e = new TruncatedFileException(u, tr.expectedBytes(), tr.actualBytes(), "the response body" + tries);
                        e.initCause(last.getCause());
                        throw e;
                    }
                    throw new FormatException(u, last.reason() + tries, last.getCause());
                }
            } catch (InterruptedException e) {
                throw interrupted(u, e);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(u, e);
            }
            wait = Math.min(wait * 2, 60_000);
        }
    }

    private static UncheckedIOException interrupted(URI u, InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while fetching " + u);
        io.initCause(e);
        return new UncheckedIOException(io);
    }

    /**
     * One try at a key: GETs of {@code u} and of the redirects it leads to, within the store's origin (or to any
     * when {@link Options#otherOrigins()}), at most {@link #MAX_REDIRECTS}; errors name {@code u} and the last URL.
     */
    private Optional<byte[]> following(URI u, long maxBytes) throws Transient, InterruptedException {
        URI at = u;
        for (int hop = 0; ; hop++) {
            HttpRequest request = HttpRequest.newBuilder(at).timeout(options.requestTimeout()).GET().build();
            Redirect r = null;
            try {
                return once(u, request, maxBytes);
            } catch (Redirect redirect) {
                r = redirect;
            }
            URI next;
            try {
                next = at.resolve(new URI(r.location.trim()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new FormatException(u, "redirected (HTTP " + r.status + ") to a malformed Location '" + printable(r.location) + "'");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                throw new FormatException(u, "redirected (HTTP " + r.status + ") to " + printable(next.toString()) + ", not an http(s) URL; refused");
            }
            if (!options.otherOrigins() && !sameOrigin(base, next)) {
                throw new FormatException(u, "redirected (HTTP " + r.status + ") to " + printable(next.toString())
                        + ", another origin than " + origin(base) + "; refused (HttpZarrStore.Options.otherOrigins follows it)");
            }
            if (hop + 1 > MAX_REDIRECTS) throw new FormatException(u, "more than " + MAX_REDIRECTS + " redirects in a row");
            at = next;
        }
    }

    /** A 3xx with a {@code Location}. */
    private static final class Redirect extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String location;

        Redirect(int status, String location) {
            super(null, null, false, false);
            this.status = status;
            this.location = location;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit. */
    private static String origin(URI u) {
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** {@code s} cut to 200 characters, control characters as '?', so that a hostile header stays one short line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 200 ? b + "..." : b.toString();
    }

    /**
     * One GET: the body of a 200, empty for 404 and 410; a {@link Redirect} for a 3xx with a {@code Location}; a
     * {@link Transient} for what is worth another try. Errors name {@code u}, the key's URL.
     */
    private Optional<byte[]> once(URI u, HttpRequest request, long maxBytes) throws Transient, InterruptedException, Redirect {
        AtomicReference<Body> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) return HttpResponse.BodySubscribers.replacing(null);
            Body b = new Body(info.headers().firstValueAsLong("content-length").orElse(-1), maxBytes);
            body.set(b);
            return b;
        });
        HttpResponse<byte[]> r;
        long timeout = options.requestTimeout().toMillis();
        try {
            r = f.get(timeout, TimeUnit.MILLISECONDS); // the request's own timeout ends at the headers; this one includes the body
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Transient(new FormatException(u, "no response within " + timeout + " ms", e));
        } catch (ExecutionException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof TooLarge tl) {
                    throw new CorruptDataException(u, -1, "response of " + tl.getMessage() + " bytes is larger than the " + maxBytes + " it may hold");
                }
                if (c instanceof BodyFailure bf) {
                    if (bf.declared >= 0) {
                        FormatException t = new TruncatedFileException(u, bf.declared, bf.received, "the response body");
                        t.initCause(bf.getCause());
                        throw new Transient(t);
                    }
                    throw new Transient(new FormatException(u, "could not read the response body: " + describe(bf.getCause()), bf.getCause()));
                }
                if (c instanceof HttpTimeoutException) throw new Transient(new FormatException(u, "no response within " + timeout + " ms", c));
            }
            Body b = body.get(); // the client may end a short body without telling its subscriber
            if (b != null && b.declared >= 0 && b.received < b.declared) {
                FormatException t = new TruncatedFileException(u, b.declared, b.received, "the response body");
                t.initCause(e.getCause());
                throw new Transient(t);
            }
            throw new Transient(new FormatException(u, "could not fetch: " + describe(e.getCause()), e.getCause()));
        }
        int status = r.statusCode();
        if (status == 200) return Optional.of(r.body());
        if (status == 404 || status == 410) return Optional.empty();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Optional<String> location = r.headers().firstValue("location");
            if (location.isPresent()) throw new Redirect(status, location.get());
        }
        if (status >= 500 || status == 429) throw new Transient(new FormatException(u, "HTTP status " + status));
        throw new FormatException(u, "HTTP status " + status + " (expected 200, or 404 for a key the store does not hold)");
    }

    /** A body larger than allowed; the message is its size ("more than N" when it has no Content-Length). */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String size) { super(size, null); }
    }

    /** A body that ended in an error after {@code received} bytes of the {@code declared} (-1: no Content-Length). */
    private static final class BodyFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final long declared;
        final long received;

        BodyFailure(long declared, long received, Throwable cause) {
            super(cause);
            this.declared = declared;
            this.received = received;
        }
    }

    /** Collects a 200's body, refusing one larger than {@code maxBytes} as soon as that is known. */
    private static final class Body implements HttpResponse.BodySubscriber<byte[]> {
        private final long declared;
        private final long maxBytes;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out;
        private Flow.Subscription subscription;
        private volatile long received;

        Body(long declared, long maxBytes) {
            this.declared = declared;
            this.maxBytes = maxBytes;
            this.out = new ByteArrayOutputStream(declared > 0 && declared <= maxBytes ? (int) declared : 8192);
        }

        @Override public CompletionStage<byte[]> getBody() { return result; }

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > maxBytes) {
                s.cancel();
                result.completeExceptionally(new TooLarge(Long.toString(declared)));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (received + n > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("more than " + maxBytes));
                    return;
                }
                byte[] a = new byte[n];
                b.get(a);
                out.write(a, 0, n);
                received += n;
            }
        }

        @Override public void onError(Throwable t) {
            result.completeExceptionally(new BodyFailure(declared, received, t));
        }

        @Override public void onComplete() {
            if (declared >= 0 && received < declared) result.completeExceptionally(new BodyFailure(declared, received, new EOFException("body ended early")));
            else result.complete(out.toByteArray());
        }
    }

    private static String describe(Throwable e) {
        if (e == null) return "unknown error";
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.replace('\n', ' '));
    }
}
