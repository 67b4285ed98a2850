package org.scrollwork.pipeline.run;

/** The report stage's marker: the report page, relative to the run directory. */
public record ReportResult(String page) implements StageResult {}
