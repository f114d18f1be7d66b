/**
 * {@code perfplane run}: runs a test definition file or a built-in profile on loadgen-service (a local one with an
 * in-process broker, or one already running), with live progress, a k6-like summary and exit codes.
 */
@NullMarked
package io.perfplane.launcher.run;

import org.jspecify.annotations.NullMarked;
