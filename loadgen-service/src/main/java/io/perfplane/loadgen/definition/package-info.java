/**
 * Reading test definitions: YAML or JSON text into the plan model (with line numbers in errors), the legacy JSON
 * run plan, and the built-in profiles shipped as classpath resources.
 */
@NullMarked
package io.perfplane.loadgen.definition;

import org.jspecify.annotations.NullMarked;
