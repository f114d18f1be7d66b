/**
 * api-service: the reference system under test, a multi-tenant GitHub-dashboard REST API on PostgreSQL. Package by
 * feature; {@code system} holds web-wide wiring.
 */
@NullMarked
package io.perfplane.api;

import org.jspecify.annotations.NullMarked;
