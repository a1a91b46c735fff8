package io.useringest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys sort as S3 sorts them: by UTF-8 bytes, i.e. by code point, not by Java's UTF-16
 * chars.
 */
class KeyOrderTest {

    @Test
    void charactersBeyondTheBasicPlaneSortAfterEveryBasicOne() {
        String emoji = "\uD83D\uDE00"; // U+1F600, a surrogate pair in UTF-16 (D83D sorts
                                       // before FFFD there)
        String replacement = "\uFFFD"; // U+FFFD, the last basic-plane character in this
                                       // list
        List<String> keys = new ArrayList<>(List.of(emoji, replacement, "a", "a/", "a-", "é"));

        keys.sort(KeyOrder.COMPARATOR);

        assertThat(keys).containsExactly("a", "a-", "a/", "é", replacement, emoji);
        assertThat(replacement.compareTo(emoji)).as("String.compareTo gets this wrong").isPositive();
    }

    @Test
    void aPrefixSortsFirstAndEqualKeysAreEqual() {
        assertThat(KeyOrder.compare("ab", "abc")).isNegative();
        assertThat(KeyOrder.compare("abc", "ab")).isPositive();
        assertThat(KeyOrder.compare("x\uD83D\uDE00", "x\uD83D\uDE00")).isZero();
    }

}
