/** {@code perfplane ingest}: streams a k6/JMeter/Gatling/native result file to ingest-service, with progress. */
@NullMarked
package io.perfplane.launcher.ingest;

import org.jspecify.annotations.NullMarked;
