/**
 * The whole local pipeline behind {@code perfplane run} and {@code perfplane analyze}: broker, database, the front
 * service (loadgen or ingest), analyzer and cost service; the wait for a run's verdict, capacity and cost; the
 * end-of-run summary JSON.
 */
@NullMarked
package io.perfplane.launcher.pipeline;

import org.jspecify.annotations.NullMarked;
