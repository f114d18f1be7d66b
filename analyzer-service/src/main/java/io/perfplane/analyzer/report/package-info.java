/**
 * The run report as data and as HTML: {@link io.perfplane.analyzer.report.RunReport} (the {@code GET /runs/{id}} JSON
 * shape) and {@link io.perfplane.analyzer.report.ReportModel} (everything the HTML page shows) are plain records,
 * and {@link io.perfplane.analyzer.report.HtmlReport} renders a model into one self-contained page with inline SVG
 * charts. Pure functions of their input: no Spring, no Kafka (ArchitectureTest), so they are tested with hand-made
 * data. Reading the models from the stores, and serving them, is {@code io.perfplane.analyzer.runs}.
 */
@NullMarked
package io.perfplane.analyzer.report;

import org.jspecify.annotations.NullMarked;
