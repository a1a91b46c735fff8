/** Nullness: everything here is non-null unless marked {@code @Nullable}. */
@NullMarked
package io.useringest.web;

import org.jspecify.annotations.NullMarked;
