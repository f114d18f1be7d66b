/**
 * The control REST API (start, list, inspect and stop runs, built-in profiles) and its RFC 9457 problem details.
 * Apart so that HTTP status codes and request formats stay out of the engine; it talks to the engine only.
 */
@NullMarked
package io.perfplane.loadgen.web;

import org.jspecify.annotations.NullMarked;
