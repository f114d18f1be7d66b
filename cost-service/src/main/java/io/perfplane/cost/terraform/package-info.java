/** Terraform variables derived from an estimate, so the infrastructure follows the measurement. Spring-free. */
@NullMarked
package io.perfplane.cost.terraform;

import org.jspecify.annotations.NullMarked;
