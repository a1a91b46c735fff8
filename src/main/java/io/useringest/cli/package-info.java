/** Nullness: everything here is non-null unless marked {@code @Nullable}. */
@NullMarked
package io.useringest.cli;

import org.jspecify.annotations.NullMarked;
