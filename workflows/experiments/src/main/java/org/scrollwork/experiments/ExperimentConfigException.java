package org.scrollwork.experiments;

/** An experiment config value of the wrong type or an unknown experiment; the message names the file and key. */
public final class ExperimentConfigException extends RuntimeException {
    public ExperimentConfigException(String message) {
        super(message);
    }
}
