/** Time spent in PostgreSQL: a Micrometer timer per query and a per-request {@code X-Db-Query-Duration} header. */
@NullMarked
package io.perfplane.api.dbtime;

import org.jspecify.annotations.NullMarked;
