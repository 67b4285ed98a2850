package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;

/** What a stage sees: the run directory, its config, the listener, and earlier stages' markers. */
record StageContext(RunDirectory dir, RunConfig config, RunListener listener) {

    /** An earlier stage's marker; that stage has finished (stages run in order). */
    JsonNode marker(String stage) {
        return dir.finished(stage).orElseThrow(() -> new IllegalStateException("stage " + stage + " has not finished in " + dir.path()));
    }

    /** The text record id from the ingest stage, or -1 when the run has no text. */
    int textRecord() {
        JsonNode t = marker(IngestStage.NAME).get("textRecord");
        return t == null || t.isNull() ? -1 : t.asInt();
    }

    int volumeRecord() { return marker(IngestStage.NAME).get("volumeRecord").asInt(); }

    void log(String line) {
        dir.log(line);
        listener.log(line);
    }

    String relative(java.nio.file.Path p) { return dir.path().toAbsolutePath().relativize(p.toAbsolutePath()).toString(); }
}
