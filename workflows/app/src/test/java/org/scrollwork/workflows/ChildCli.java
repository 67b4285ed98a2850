package org.scrollwork.workflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in a child JVM (this test's java and classpath, output discarded), for tests that kill it. */
final class ChildCli {
    private ChildCli() {}

    static ProcessBuilder of(String xmx, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ScrollworkCli.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
