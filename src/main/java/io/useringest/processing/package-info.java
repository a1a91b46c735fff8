/** Nullness: everything here is non-null unless marked {@code @Nullable}. */
@NullMarked
package io.useringest.processing;

import org.jspecify.annotations.NullMarked;
