/** cost-service: turns measured capacity into itemized monthly AWS cost per user scenario. */
@NullMarked
package io.perfplane.cost;

import org.jspecify.annotations.NullMarked;
