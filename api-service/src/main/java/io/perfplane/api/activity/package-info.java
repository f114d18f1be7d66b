/** GitHub activity of a tenant's users. */
@NullMarked
package io.perfplane.api.activity;

import org.jspecify.annotations.NullMarked;
