/** Run execution: the virtual-user engine, sample and run-event publishing, and the control REST API. */
@NullMarked
package io.perfplane.loadgen.run;

import org.jspecify.annotations.NullMarked;
