package org.scrollwork.workflows;

import java.util.concurrent.Callable;

/**
 * A subcommand that a module outside the product adds to {@code scrollwork}: the research harness's
 * {@code experiment}. {@link ScrollworkCli#commandLine()} finds implementations with {@link java.util.ServiceLoader}
 * when their jar is on the class path, so the product never depends on them. An implementation is a picocli
 * {@code @Command} class; its exit code follows {@link ScrollworkCli}'s ({@code EXIT_BAD_INPUT} for bad input).
 */
public interface Subcommand extends Callable<Integer> {}
