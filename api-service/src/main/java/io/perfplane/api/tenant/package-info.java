/** Tenant resolution: every {@code /api/**} request is scoped to the tenant owning its {@code X-Api-Key}. */
@NullMarked
package io.perfplane.api.tenant;

import org.jspecify.annotations.NullMarked;
