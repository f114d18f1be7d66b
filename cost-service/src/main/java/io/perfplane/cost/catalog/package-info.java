/**
 * The versioned pricing catalog: AWS list prices shaped after the AWS Price List offer files. Spring-free and
 * Kafka-free; loaded once at startup from a classpath resource.
 */
@NullMarked
package io.perfplane.cost.catalog;

import org.jspecify.annotations.NullMarked;
