package org.scrollwork.io.zarr;

import java.nio.file.Path;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.InsideRoot;

/**
 * Keys inside a Zarr store: chunk keys ({@code "0.1.2"} or {@code "0/1/2"}) and safe resolution of
 * relative keys (dataset paths from {@code .zattrs}) against the store root.
 */
public final class ZarrKeys {
    private ZarrKeys() {}

    /**
     * The key of a chunk, from its grid index per Zarr dimension (slowest first).
     *
     * @param separator {@code "."} or {@code "/"}
     */
    public static String chunkKey(long[] gridIndex, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < gridIndex.length; i++) {
            if (i > 0) sb.append(separator);
            sb.append(gridIndex[i]);
        }
        return sb.toString();
    }

    /**
     * A relative key ({@code "0"}, {@code "s0/data/"}, {@code "./0"}) in canonical form: '/'-separated, without
     * {@code "."} segments or a trailing {@code "/"}; {@code ""} for the store's root ({@code "."}). Empty keys,
     * {@code ".."} and empty segments, backslashes, drive letters or URL schemes ({@code ':'}), NUL and absolute keys are rejected.
     *
     * @param store names the store in the error
     * @throws FormatException naming the store and the key when the key would escape the store or is malformed
     */
    public static String normalize(Path store, String key) {
        if (key == null || key.isEmpty()) throw new FormatException(store, "empty key");
        if (key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0 || key.indexOf(':') >= 0) {
            throw new FormatException(store, "key '" + key + "' is absolute or malformed; keys stay inside the store");
        }
        StringBuilder out = new StringBuilder();
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && i == segments.length - 1 && i > 0) continue; // one trailing "/" is harmless
            if (segment.isEmpty()) throw new FormatException(store, "key '" + key + "' has an empty segment");
            if (segment.equals(".")) continue;
            if (segment.equals("..")) {
                throw new FormatException(store, "key '" + key + "' escapes the store (\"..\" is not allowed)");
            }
            if (out.length() > 0) out.append('/');
            out.append(segment);
        }
        return out.toString();
    }

    /** Key {@code name} inside the key {@code dir} ({@code ""} for the root). */
    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /**
     * Resolves a relative key ({@code "0"}, {@code "s0/data"}) inside {@code base}, which lies in the
     * store {@code store}. Keys are checked by {@link #normalize}, and the result must stay inside the store,
     * also after following symbolic links.
     *
     * @throws FormatException naming the store and the key when the key would escape the store or is malformed
     */
    public static Path resolve(Path store, Path base, String key) {
        String k = normalize(store, key);
        Path p = base;
        if (!k.isEmpty()) for (String segment : k.split("/")) p = p.resolve(segment);
        Path root = store.toAbsolutePath().normalize();
        if (!p.toAbsolutePath().normalize().startsWith(root)) {
            throw new FormatException(store, "key '" + key + "' escapes the store");
        }
        InsideRoot.check(store, p);
        return p;
    }
}
