/** Spring Boot wiring shared by every perfplane service. */
@NullMarked
package io.perfplane.service;

import org.jspecify.annotations.NullMarked;
