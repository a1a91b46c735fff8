/**
 * Lineage, history and the change feed: every change a run makes to a user's row, kept in
 * commit order with the source files behind it, for as long as the retention says.
 */
@NullMarked
package io.useringest.changes;

import org.jspecify.annotations.NullMarked;
