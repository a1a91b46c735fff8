/** Nullness: everything here is non-null unless marked {@code @Nullable}. */
@NullMarked
package io.useringest.publish;

import org.jspecify.annotations.NullMarked;
