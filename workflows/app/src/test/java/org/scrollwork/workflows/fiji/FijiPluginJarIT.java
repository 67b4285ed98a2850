package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.Extent;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.io.zarr.Pyramids;

/**
 * The plugin jar ({@code Scrollwork_Fiji-<version>.jar}, built by the shade plugin in the {@code fiji} and {@code slow}
 * profiles) as Fiji loads it: through ImageJ 1's {@code ij.io.PluginClassLoader} over a plugins folder that also holds
 * the jars of the library versions Fiji ships (imglib2 7.1.2, Jackson 2.18.0, Commons Math/Lang/Text, Gson, as
 * pom-scijava 40 manages them; and the imglib2 6.4.0 of an older Fiji; the build copies them from Maven Central into
 * {@code target/fiji-jars} and {@code target/fiji-jars-imglib2-6}). ImageJ itself is on a class loader of its own
 * with nothing else, as in Fiji, so nothing from the test's class path leaks in.
 *
 * <p>Runs in the integration-test phase (after the jar is built) of {@code mvn -Pslow verify}, an execution of its own
 * whose system properties (set in workflows/app/pom.xml) name the jar and the folders.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "scrollwork.fiji.jar", matches = ".+",
        disabledReason = "runs in the integration-test phase of mvn -Pslow verify, after the plugin jar is built (a -Dtest pattern also picks it for the test phase)")
class FijiPluginJarIT {
    private static final String SHADED = "org.scrollwork.shaded.";
    /** The packages of the libraries Fiji ships too, which the plugin jar must hold only relocated. */
    private static final List<String> RELOCATED = List.of("com/fasterxml/jackson/", "net/imglib2/", "org/apache/commons/math3/",
            "org/apache/commons/lang3/", "org/apache/commons/text/", "org/apache/commons/io/", "org/apache/commons/compress/",
            "org/apache/commons/codec/", "com/google/gson/", "org/yaml/snakeyaml/", "picocli/");
    private static final int NX = 13, NY = 7, NZ = 6;

    @TempDir Path dir;
    private Path pluginJar;
    private List<Path> fijiJars;
    private Path olderImglib2;
    private Path store;
    private byte[] voxels;

    private static Path property(String name) {
        String v = System.getProperty(name);
        assertNotNull(v, name + " is unset: run through Maven, mvn -Pslow verify (workflows/app/pom.xml sets it)");
        Path p = Path.of(v);
        assertTrue(Files.exists(p), name + "=" + p + " does not exist");
        return p;
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @BeforeEach
    void omeZarrStore() throws IOException {
        pluginJar = property("scrollwork.fiji.jar");
        fijiJars = jarsIn(property("scrollwork.fiji.shipped"));
        assertTrue(fijiJars.stream().anyMatch(p -> p.getFileName().toString().startsWith("imglib2-7")), "Fiji's imglib2 in " + fijiJars);
        assertTrue(fijiJars.stream().anyMatch(p -> p.getFileName().toString().startsWith("jackson-databind-")), "Fiji's Jackson in " + fijiJars);
        olderImglib2 = property("scrollwork.fiji.older").resolve("imglib2-6.4.0.jar");
        assertTrue(Files.exists(olderImglib2), olderImglib2 + " is missing");
        store = dir.resolve("scan.ome.zarr");
        voxels = new byte[NX * NY * NZ];
        for (int i = 0; i < voxels.length; i++) voxels[i] = (byte) ((i * 37 + 11) % 256);
        Volume<?> base = Volumes.wrap(voxels, new long[] {NX, NY, NZ}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build());
        Formats.byName("ome-zarr").orElseThrow().createWriter().write(store, Pyramids.build(base, 2), WriteOptions.DEFAULTS);
    }

    /** A class loader holding only ImageJ 1 (ij.jar), below the JDK's platform loader: what Fiji's plugins see above them. */
    private static URLClassLoader imageJ() throws IOException {
        URL ij = ij.IJ.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader("ij", new URL[] {ij}, ClassLoader.getPlatformClassLoader());
    }

    /** Fiji's jars of today, or with the imglib2 6 of a Fiji from before ImgLib2 7 in place of its imglib2. */
    private List<Path> fiji(String imglib2) {
        if (imglib2.equals("imglib2-7.1.2.jar")) return fijiJars;
        List<Path> jars = new ArrayList<>(fijiJars.stream().filter(p -> !p.getFileName().toString().startsWith("imglib2-")).toList());
        jars.add(0, olderImglib2);
        return jars;
    }

    @ParameterizedTest(name = "beside Fiji's {0}")
    @ValueSource(strings = {"imglib2-7.1.2.jar", "imglib2-6.4.0.jar"})
    void thePluginJarRunsBesideFijisOwnLibrariesThroughImageJsPluginClassLoader(String imglib2) throws Exception {
        try (URLClassLoader ij = imageJ()) {
            ClassLoader loader = pluginClassLoader(ij, fiji(imglib2));
            importAndAddToCorpus(loader, ij, dir.resolve("corpus"));

            // the libraries the commands ran on are the plugin's relocated copies, from the plugin jar ...
            Class<?> volume = loader.loadClass("org.scrollwork.io.Volume");
            assertFromPluginJar(volume.getMethod("image").getReturnType(), SHADED + "net.imglib2.RandomAccessibleInterval");
            assertFromPluginJar(staticField(loader, "org.scrollwork.io.zarr.ZarrJson", "MAPPER").getClass(), SHADED + "com.fasterxml.jackson.databind.ObjectMapper");
            assertFromPluginJar(staticField(loader, "org.scrollwork.corpus.MetaJson", "MAPPER").getClass(), SHADED + "com.fasterxml.jackson.databind.ObjectMapper");
            // ... while Fiji's own versions stay what the same loader gives every other plugin
            assertFrom(loader.loadClass("net.imglib2.RandomAccessibleInterval"), imglib2);
            assertFrom(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"), "jackson-databind-2.18.0.jar");
            assertFrom(loader.loadClass("org.apache.commons.math3.util.FastMath"), "commons-math3-3.6.1.jar");
        }
    }

    /** A Fiji.app/plugins folder with the plugin jar and the jars given, through ImageJ's PluginClassLoader. */
    private ClassLoader pluginClassLoader(ClassLoader ij, List<Path> fiji) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("Fiji.app/plugins"));
        Files.createSymbolicLink(plugins.resolve(pluginJar.getFileName()), pluginJar);
        for (Path j : fiji) Files.createSymbolicLink(plugins.resolve(j.getFileName()), j);
        ClassLoader loader = (ClassLoader) Class.forName("ij.io.PluginClassLoader", true, ij).getConstructor(String.class).newInstance(plugins.toString());
        assertEquals("ij.io.PluginClassLoader", loader.getClass().getName());
        return loader;
    }

    /** File > Import > OME-Zarr, then Add image to corpus; the corpus is read back with the test's own classes. */
    private void importAndAddToCorpus(ClassLoader loader, ClassLoader ij, Path corpus) throws Exception {
        assertImported(execute(loader, ij, "ImportOmeZarr", "path=[" + store + "] level=0"));
        assertEquals(null, execute(loader, ij, "AddToCorpus", "corpus=[" + corpus + "] modality=ct"));
        try (Corpus c = Corpus.open(corpus)) {
            CorpusRecord r = c.records().stream().filter(x -> x.kind() == RecordKind.VOLUME).findFirst().orElseThrow();
            assertEquals(4.0, r.meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
            assertEquals(new Extent(NX, NY, NZ), r.shape());
        }
    }

    /**
     * Training (DJL and PyTorch's native library, which the jar carries unrelocated, on the relocated Gson and Commons
     * Compress) works from the jar too. Relocating SLF4J crashed the JVM here: the native library's JNI_OnLoad looks up
     * {@code org/slf4j/Logger} by name. Once per JVM: a native library binds to one class loader.
     */
    @Test
    void trainingRunsFromThePluginJar() throws Exception {
        try (URLClassLoader ij = imageJ()) {
            ClassLoader loader = pluginClassLoader(ij, fijiJars);
            Path corpus = dir.resolve("corpus"), run = dir.resolve("run");
            importAndAddToCorpus(loader, ij, corpus);
            assertEquals(null, execute(loader, ij, "TrainAunn",
                    "corpus=[" + corpus + "] run=[" + run + "] steps=5 width=16 depth=1 batch=64 lr=0.003 schedule=serial seed=1"));
            assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "one evaluation at step 5");
            assertFrom(loader.loadClass("ai.djl.engine.Engine"), pluginJar.getFileName().toString());
        }
    }

    @Test
    void thePluginJarHoldsTheLibrariesFijiShipsOnlyUnderRelocatedNames() throws IOException {
        Set<String> unrelocated = new TreeSet<>();
        Set<String> relocated = new TreeSet<>();
        try (ZipFile z = new ZipFile(pluginJar.toFile())) {
            z.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(n -> {
                for (String p : RELOCATED) {
                    if (n.startsWith(p)) unrelocated.add(n);
                    if (n.startsWith("org/scrollwork/shaded/" + p)) relocated.add(p);
                }
            });
            assertEquals(Set.of(), unrelocated, "classes of libraries Fiji ships, under their own names");
            assertEquals(new TreeSet<>(RELOCATED), relocated, "relocated libraries");
            assertTrue(z.getEntry("ij/IJ.class") == null, "ImageJ itself is Fiji's, not the plugin's");
            assertNotNull(z.getEntry("plugins.config"));
            // natives bound to classes by name stay where their libraries look for them
            assertNotNull(z.getEntry("ai/djl/pytorch/jni/PyTorchLibrary.class"));
            assertNotNull(z.getEntry("com/sun/jna/Native.class"));
            assertNotNull(z.getEntry("META-INF/services/org.scrollwork.shaded.com.fasterxml.jackson.core.JsonFactory"));
            // PyTorch's native library looks up org/slf4j/Logger by name: SLF4J's API stays, without a binding of its own
            assertNotNull(z.getEntry("org/slf4j/Logger.class"));
            assertTrue(z.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") == null, "an SLF4J binding would compete with Fiji's");
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("org/slf4j/nop/")), "slf4j-nop");
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("META-INF/versions/")), "no versioned (unrelocated) classes");
        }
    }

    /**
     * The plugin's own classes with its dependencies unrelocated (the module's jar and target/lib), behind Fiji's jars on
     * one class path, as Fiji's launcher puts jars/ before plugins/.
     */
    private URLClassLoader unrelocated(List<Path> fiji, ClassLoader ij) throws IOException {
        List<URL> path = new ArrayList<>();
        for (Path j : fiji) path.add(j.toUri().toURL());
        path.add(property("scrollwork.fiji.classes").toUri().toURL());
        for (Path j : jarsIn(property("scrollwork.fiji.unrelocated"))) {
            if (!j.getFileName().toString().startsWith("ij-")) path.add(j.toUri().toURL());
        }
        return new URLClassLoader("fiji", path.toArray(URL[]::new), ij);
    }

    /** Unrelocated, the plugin silently runs on the versions Fiji ships instead of those it was built and tested with. */
    @Test
    void withoutRelocationThePluginRunsOnFijisVersionsOfItsLibraries() throws Exception {
        try (URLClassLoader ij = imageJ(); URLClassLoader flat = unrelocated(fijiJars, ij)) {
            assertImported(execute(flat, ij, "ImportOmeZarr", "path=[" + store + "] level=0"));
            assertFrom(flat.loadClass("org.scrollwork.io.Volume").getMethod("image").getReturnType(), "imglib2-7.1.2.jar");
            assertFrom(staticField(flat, "org.scrollwork.io.zarr.ZarrJson", "MAPPER").getClass(), "jackson-databind-2.18.0.jar");
        }
    }

    /**
     * ... and breaks on a Fiji whose imglib2 is older: with imglib2 6 (Fiji before ImgLib2 7, where a
     * RandomAccessibleInterval is not yet iterable and {@code Views.flatIterable} returns an IterableInterval) the import
     * fails to link.
     */
    @Test
    void withoutRelocationAnOlderFijisImglib2BreaksThePlugin() throws Exception {
        try (URLClassLoader ij = imageJ(); URLClassLoader flat = unrelocated(fiji("imglib2-6.4.0.jar"), ij)) {
            Throwable t = assertThrows(Throwable.class, () -> execute(flat, ij, "ImportOmeZarr", "path=[" + store + "] level=0"));
            assertInstanceOf(LinkageError.class, t, () -> "expected a linkage error from Fiji's imglib2 6, got " + t);
            assertTrue(String.valueOf(t.getMessage()).contains("net.imglib2.RandomAccessibleInterval"), t::toString);
            assertFrom(flat.loadClass("org.scrollwork.io.Volume").getMethod("image").getReturnType(), "imglib2-6.4.0.jar");
        }
    }

    /** Runs a command as an ImageJ macro does (thread named Run$_..., macro options set), with the loader as context loader. */
    private static Object execute(ClassLoader loader, ClassLoader ij, String command, String options) throws Exception {
        Class<?> macro = Class.forName("ij.Macro", true, ij);
        Method setOptions = macro.getMethod("setOptions", Thread.class, String.class);
        Thread t = Thread.currentThread();
        String name = t.getName();
        ClassLoader context = t.getContextClassLoader();
        t.setName("Run$_test");
        t.setContextClassLoader(loader);
        setOptions.invoke(null, t, options);
        try {
            Object cmd = loader.loadClass("org.scrollwork.workflows.fiji." + command).getConstructor().newInstance();
            Class<?> progressType = loader.loadClass("org.scrollwork.pipeline.Progress");
            Object progress = loader.loadClass("org.scrollwork.workflows.fiji.ImageJProgress").getMethod("imageJ").invoke(null);
            return cmd.getClass().getMethod("execute", progressType).invoke(cmd, progress);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            setOptions.invoke(null, t, null);
            t.setContextClassLoader(context);
            t.setName(name);
        }
    }

    /** The imported stack, through ImageJ's API on the isolated loader: its size and every voxel. */
    private void assertImported(Object imp) throws Exception {
        assertNotNull(imp);
        assertEquals(NX, call(imp, "getWidth"));
        assertEquals(NY, call(imp, "getHeight"));
        assertEquals(NZ, call(imp, "getStackSize"));
        Object stack = call(imp, "getStack");
        Method processor = stack.getClass().getMethod("getProcessor", int.class);
        for (int z = 0; z < NZ; z++) {
            Object p = processor.invoke(stack, z + 1);
            Method get = p.getClass().getMethod("get", int.class, int.class);
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) assertEquals(voxels[(z * NY + y) * NX + x] & 0xff, get.invoke(p, x, y), "voxel " + x + "," + y + "," + z);
            }
        }
    }

    private static Object call(Object o, String method) throws Exception { return o.getClass().getMethod(method).invoke(o); }

    private static Object staticField(ClassLoader loader, String className, String field) throws Exception {
        var f = loader.loadClass(className).getDeclaredField(field);
        f.setAccessible(true);
        return f.get(null);
    }

    private void assertFromPluginJar(Class<?> c, String expectedName) throws Exception {
        assertEquals(expectedName, c.getName());
        assertFrom(c, pluginJar.getFileName().toString());
    }

    private static void assertFrom(Class<?> c, String jarName) throws Exception {
        URL where = c.getProtectionDomain().getCodeSource().getLocation();
        assertEquals(jarName, Path.of(where.toURI()).getFileName().toString(), c.getName() + " loaded from " + where);
    }
}
