/** Offset pagination shared by the list endpoints. */
@NullMarked
package io.perfplane.api.paging;

import org.jspecify.annotations.NullMarked;
