/** Embedded default infrastructure for local runs and tests: a real KRaft broker and PostgreSQL. */
@NullMarked
package io.perfplane.runtime;

import org.jspecify.annotations.NullMarked;
