package org.scrollwork.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark context Scrollwork's scale-out jobs run in.
 *
 * <ul>
 *   <li>{@code local[N]} / {@code local[*]} (the default): tasks are threads of this JVM. Spark retries failed
 *       tasks only when the master names a failure count, so {@code local[N]} becomes {@code local[N,4]}
 *       ({@value #TASK_ATTEMPTS} attempts, as on a cluster).</li>
 *   <li>{@code local-cluster[N,C,MB]}: a standalone master and worker inside this JVM that start N executor JVMs
 *       of C cores and MB MiB heap each. The worker launches them from {@code $SPARK_HOME} (which needs a
 *       {@code jars/} folder: an empty one is made here; executors get this JVM's class path as
 *       {@code spark.executor.extraClassPath}). {@code bin/spark-scrollwork} and {@code bin/bench} set
 *       {@code SPARK_HOME} to {@code scaleout/target/spark-home}.</li>
 *   <li>anything else ({@code spark://}, {@code yarn}, {@code k8s://}): passed through; the job's jar and
 *       classpath come from {@code spark-submit}.</li>
 * </ul>
 * When no master is given, {@code spark.master} (set by {@code spark-submit}) wins over {@value #DEFAULT_MASTER}.
 */
public final class SparkSetup {
    public static final String DEFAULT_MASTER = "local[*]";
    public static final int TASK_ATTEMPTS = 4;
    /** JVM options of executor JVMs started by a local-cluster master (Spark adds its own --add-opens). */
    static final String EXECUTOR_OPTIONS = "-Dai.djl.offline=true -Djava.awt.headless=true";

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)\\]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\]");

    private SparkSetup() {}

    /** The master to use: {@code explicit} if given, else {@code spark.master}, else {@value #DEFAULT_MASTER}. */
    public static String resolveMaster(String explicit) {
        if (explicit != null && !explicit.isBlank()) return explicit;
        String submitted = System.getProperty("spark.master");
        return submitted != null && !submitted.isBlank() ? submitted : DEFAULT_MASTER;
    }

    /** The master Spark is given: {@code local[N]} gains a failure count so that failed tasks are retried. */
    static String withRetries(String master) {
        Matcher m = LOCAL.matcher(master.trim());
        return m.matches() ? "local[" + m.group(1) + "," + TASK_ATTEMPTS + "]" : master.trim();
    }

    /**
     * Starts a context.
     *
     * @throws IllegalStateException for a local-cluster master without {@code SPARK_HOME}
     */
    public static JavaSparkContext start(String master, String appName) {
        String resolved = resolveMaster(master);
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(withRetries(resolved))
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(TASK_ATTEMPTS))
                .set("spark.driver.maxResultSize", "2g");
        if (resolved.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        Matcher lc = LOCAL_CLUSTER.matcher(resolved.trim());
        if (lc.matches()) {
            int cores = Integer.parseInt(lc.group(2));
            int mb = Integer.parseInt(lc.group(3));
            prepareSparkHome();
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.memory", mb + "m")
                    .set("spark.executor.cores", Integer.toString(cores))
                    .set("spark.task.cpus", Integer.toString(cores))
                    .set("spark.executor.extraJavaOptions", EXECUTOR_OPTIONS + " -Dai.djl.pytorch.num_threads=" + cores
                            + " -Dai.djl.pytorch.num_interop_threads=1");
        }
        return new JavaSparkContext(conf);
    }

    /** Makes the folders Spark's executor launcher looks for under {@code $SPARK_HOME}. */
    private static void prepareSparkHome() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("a local-cluster master starts executor JVMs from $SPARK_HOME, which is not set;"
                    + " run through bin/spark-scrollwork or bin/bench (they set it to scaleout/target/spark-home), or point it at a Spark installation");
        }
        try {
            Files.createDirectories(Path.of(home, "jars"));
            Files.createDirectories(Path.of(home, "launcher", "target", "scala-2.13"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare SPARK_HOME " + home + ": " + e.getMessage(), e);
        }
    }
}
