/** Web-wide wiring: the clock and RFC 9457 problem+json error responses. */
@NullMarked
package io.perfplane.api.system;

import org.jspecify.annotations.NullMarked;
