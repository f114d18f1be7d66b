/** Service wiring: configuration properties and bearer-token authentication of the control API. */
@NullMarked
package io.perfplane.loadgen.system;

import org.jspecify.annotations.NullMarked;
