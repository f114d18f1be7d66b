/** A tenant's tracked GitHub users: listing and substring search. */
@NullMarked
package io.perfplane.api.user;

import org.jspecify.annotations.NullMarked;
