package org.scrollwork.pipeline;

/**
 * Where long work reports, for every front end: the command line (progress bars on stderr), Fiji (ImageJ's status and
 * progress bars) and the Spark driver adapt it. Work writes log lines and runs tasks: a task starts (perhaps resumed,
 * with units done and seconds spent before), advances ({@code done} of {@code total} units, a short message) and ends.
 * An exception thrown by a report (e.g. the user cancelled) stops the work at that report.
 *
 * <p>Only {@link #log} is abstract, so a line consumer ({@code lines::add}) is a progress that ignores tasks.
 */
@FunctionalInterface
public interface Progress {

    /** One line of the log. */
    void log(String line);

    /**
     * A task begins: {@code done} of {@code total} units were done in {@code elapsedSeconds} before (a resumed task;
     * 0, 0 for a new one). {@code total < 0}: unknown. End it with {@link Task#close()}.
     */
    default Task start(String name, long done, long total, double elapsedSeconds) { return Task.NONE; }

    /** A new task of {@code total} units. */
    default Task start(String name, long total) { return start(name, 0, total, 0); }

    /** A task begun by {@link #start}. */
    interface Task extends AutoCloseable {
        /** A task that shows nothing. */
        Task NONE = (done, total, message) -> { };

        /** {@code done} of {@code total} units are finished; {@code message} says how it goes (may be empty). */
        void advance(long done, long total, String message);

        /** As {@link #advance(long, long, String)} without a message. */
        default void advance(long done, long total) { advance(done, total, ""); }

        /** The task has ended (its bar closes); ending it again does nothing. */
        @Override default void close() { }
    }

    /** Shows nothing. */
    static Progress silent() { return line -> { }; }
}
