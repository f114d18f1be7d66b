/** loadgen-service: runs closed-model HTTP load plans and publishes every request as a RequestSample. */
@NullMarked
package io.perfplane.loadgen;

import org.jspecify.annotations.NullMarked;
