/** ingest-service: imports request samples recorded by foreign tools into the {@code request-samples} topic. */
@NullMarked
package io.perfplane.ingest;

import org.jspecify.annotations.NullMarked;
