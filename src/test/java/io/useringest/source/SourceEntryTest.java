package io.useringest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A source entry is one variant: a valid CSV's user, an image's extension, or a
 * rejection.
 */
class SourceEntryTest {

    @Test
    void anEntryCarriesExactlyOneVariantOfItsKind() {
        UserCsv user = new UserCsv("A", "B", 0);
        assertThat(SourceEntry.csv("k.csv", "", "k", 1, user).rejected()).isFalse();
        assertThat(SourceEntry.image("k.png", "", "k", 1, "png").imageExtension()).isEqualTo("png");
        assertThat(SourceEntry.rejected("k.csv", "", "k", FileKind.CSV, 1, "is empty").rejected()).isTrue();
        assertThatThrownBy(() -> new SourceEntry("k.csv", "", "k", FileKind.CSV, 1, user, null, "is empty"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceEntry("k.csv", "", "k", FileKind.CSV, 1, null, "png", null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceEntry("k.png", "", "k", FileKind.IMAGE, 1, null, null, null))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
