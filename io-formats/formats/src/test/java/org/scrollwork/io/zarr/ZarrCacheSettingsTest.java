package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the Zarr cache lives, how large it may grow and how many fetches run at once, from properties and the environment. */
class ZarrCacheSettingsTest {
    private static ZarrCacheSettings of(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> p = new java.util.HashMap<>(properties);
        p.putIfAbsent("user.home", "/home/ada");
        return ZarrCacheSettings.from(p::get, env::get);
    }

    @Test
    void byDefaultTheCacheIsUnderTheUsersCacheFolder() {
        ZarrCacheSettings s = of(Map.of(), Map.of());
        assertEquals(Optional.of(Path.of("/home/ada/.cache/scrollwork/zarr")), s.folder());
        assertEquals(2L << 30, s.maxBytes());
        assertEquals(8, s.fetches());
        assertEquals(Optional.of(Path.of("/xdg/scrollwork/zarr")), of(Map.of(), Map.of("XDG_CACHE_HOME", "/xdg")).folder());
        assertEquals(Optional.of(Path.of("/home/ada/.cache/scrollwork/zarr")), of(Map.of(), Map.of("XDG_CACHE_HOME", "relative")).folder(),
                "a relative XDG_CACHE_HOME is ignored");
        assertEquals(Optional.of(Path.of("/sw/zarr")), of(Map.of(), Map.of("SCROLLWORK_CACHE", "/sw", "XDG_CACHE_HOME", "/xdg")).folder(),
                "SCROLLWORK_CACHE, the root of Scrollwork's other caches, comes first");
    }

    @Test
    void aPropertyComesBeforeTheVariableAndOffTurnsTheCacheOff() {
        assertEquals(Optional.of(Path.of("/env")), of(Map.of(), Map.of("SCROLLWORK_ZARR_CACHE", "/env")).folder());
        assertEquals(Optional.of(Path.of("/prop")), of(Map.of("scrollwork.zarr.cache", "/prop"), Map.of("SCROLLWORK_ZARR_CACHE", "/env")).folder());
        assertEquals(Optional.empty(), of(Map.of("scrollwork.zarr.cache", "off"), Map.of()).folder());
        assertEquals(Optional.empty(), of(Map.of(), Map.of("SCROLLWORK_ZARR_CACHE", "OFF")).folder());
        assertEquals(3, of(Map.of("scrollwork.zarr.fetches", "3"), Map.of("SCROLLWORK_ZARR_FETCHES", "5")).fetches());
        assertEquals(5, of(Map.of(), Map.of("SCROLLWORK_ZARR_FETCHES", "5")).fetches());
    }

    @Test
    void boundsAreBytesOrBinaryMultiples() {
        assertEquals(1000, ZarrCacheSettings.size("1000", "x"));
        assertEquals(512L << 20, ZarrCacheSettings.size("512M", "x"));
        assertEquals(2L << 30, ZarrCacheSettings.size("2g", "x"));
        assertEquals(3L << 29, ZarrCacheSettings.size("1.5GiB", "x"));
        assertEquals(1L << 40, ZarrCacheSettings.size("1 TB", "x"));
        assertEquals(64L << 20, of(Map.of(), Map.of("SCROLLWORK_ZARR_CACHE_BYTES", "64m")).maxBytes());
    }

    @Test
    void aMalformedSettingIsAnErrorNamingIt() {
        for (String bad : new String[] {"lots", "-1g", "0", "1e9", "2x", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> of(Map.of("scrollwork.zarr.cacheBytes", bad), Map.of()), bad);
            assertTrue(e.getMessage().startsWith("scrollwork.zarr.cacheBytes: '" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(Map.of(), Map.of("SCROLLWORK_ZARR_FETCHES", "0")));
        assertTrue(e.getMessage().startsWith("SCROLLWORK_ZARR_FETCHES: '0'"), e.getMessage());
    }
}
