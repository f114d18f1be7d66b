/**
 * ArchUnit rules shared by every service's {@code ArchitectureTest}, so that one style of boundary holds across the
 * code base. Test scope only: no service ships ArchUnit.
 */
package io.perfplane.architecture;
