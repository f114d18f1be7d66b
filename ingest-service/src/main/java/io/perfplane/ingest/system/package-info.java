/** Spring wiring of ingest-service: configuration properties, the bearer-token filter, the sample producer. */
@NullMarked
package io.perfplane.ingest.system;

import org.jspecify.annotations.NullMarked;
