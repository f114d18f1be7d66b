/**
 * User scenarios a fleet is sized for (users per month, concurrency, peak factor, sessions, data, availability),
 * read from a YAML file and validated field by field. Spring-free.
 */
@NullMarked
package io.perfplane.cost.scenario;

import org.jspecify.annotations.NullMarked;
