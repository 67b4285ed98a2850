package org.scrollwork.workflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in a child JVM (this test's java and classpath, output discarded), for tests that kill it. */
final class ChildCli {
    private ChildCli() {}

    static ProcessBuilder of(String xmx, List<String> args) {
        return of(xmx, List.of(), args);
    }

    /** The same with more JVM options (system properties) before the class path. */
    static ProcessBuilder of(String xmx, List<String> jvmOptions, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-Dai.djl.offline=true"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ScrollworkCli.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
