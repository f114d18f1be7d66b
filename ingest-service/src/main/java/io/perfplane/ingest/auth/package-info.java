/** Bearer-token authentication of the ingest endpoints. */
@NullMarked
package io.perfplane.ingest.auth;

import org.jspecify.annotations.NullMarked;
