/** {@code perfplane analyze}: result files of k6, JMeter, Gatling or native NDJSON through the whole pipeline. */
@NullMarked
package io.perfplane.launcher.analyze;

import org.jspecify.annotations.NullMarked;
