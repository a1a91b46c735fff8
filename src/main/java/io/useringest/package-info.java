/** Nullness: everything here is non-null unless marked {@code @Nullable}. */
@NullMarked
package io.useringest;

import org.jspecify.annotations.NullMarked;
