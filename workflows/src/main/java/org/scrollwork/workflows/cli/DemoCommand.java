package org.scrollwork.workflows.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scrollwork demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the main job on an embedded phantom scroll.")
public final class DemoCommand implements Callable<Integer> {
    @Override public Integer call() {
        return 0;
    }
}
