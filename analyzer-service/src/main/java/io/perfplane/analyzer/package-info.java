/** analyzer-service: turns request samples into percentiles, SLO breaches and capacity estimates. */
@NullMarked
package io.perfplane.analyzer;

import org.jspecify.annotations.NullMarked;
