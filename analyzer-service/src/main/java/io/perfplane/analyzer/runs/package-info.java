/**
 * The runs REST read model, served from the topology's state stores (interactive queries): store access
 * ({@code RunStores}), assembly of the report data ({@code RunReports}, {@code ReportModels}), the JSON and HTML
 * endpoints under {@code /runs}, and routing of a per-run request to the analyzer instance that owns the run. The
 * rendering itself is {@code io.perfplane.analyzer.report}.
 */
@NullMarked
package io.perfplane.analyzer.runs;

import org.jspecify.annotations.NullMarked;
