/** Spring wiring of cost-service: configuration properties, catalog loading, Kafka factories. */
@NullMarked
package io.perfplane.cost.system;

import org.jspecify.annotations.NullMarked;
