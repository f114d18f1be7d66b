/** The Kafka Streams topology: state stores, run finalization, breach and capacity publication. */
@NullMarked
package io.perfplane.analyzer.stream;

import org.jspecify.annotations.NullMarked;
