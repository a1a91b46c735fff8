package io.useringest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

class SettingsTest {

    @Test
    void defaultsAreThoseOfTheSpec() {
        Settings settings = Settings.from(new MockEnvironment());
        assertThat(settings.embeddedStorage()).isTrue();
        assertThat(settings.storageAccessKey()).isEqualTo("minioadmin");
        assertThat(settings.storageSecretKey()).isEqualTo("minioadmin");
        assertThat(settings.storageRegion()).isEqualTo("us-east-1");
        assertThat(settings.storageEmbeddedPort()).isEqualTo(9000);
        assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(settings.sourceBucket()).isEqualTo("source");
        assertThat(settings.sourcePrefix()).isEmpty();
        assertThat(settings.outputBucket()).isEqualTo("processed-data");
        assertThat(settings.outputCsvKey()).isEqualTo("output.csv");
        assertThat(settings.outputImagesPrefix()).isEqualTo("images/");
        assertThat(settings.processingInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.databaseUrl()).startsWith("jdbc:sqlite:./data/users.db");
        assertThat(settings.adminUser()).isEqualTo("admin");
        assertThat(settings.adminPasswordGenerated()).isTrue();
        assertThat(settings.adminPassword()).hasSize(20);
        assertThat(settings.demoData()).isTrue();
    }

    @Test
    void theDatabaseDefaultsIntoDataDir() {
        Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", "/srv/ingest"));
        assertThat(settings.databaseUrl()).startsWith("jdbc:sqlite:/srv/ingest/users.db");
    }

    @ParameterizedTest
    @CsvSource({ "PT1H,3600", "1h,3600", "55m,3300", "30s,30", "PT0.5S,0.5", "2d,172800", "1500ms,1.5" })
    void intervalsInIsoOrShortForm(String text, double seconds) {
        assertThat(Settings.duration(text).toMillis()).isEqualTo((long) (seconds * 1000));
    }

    @ParameterizedTest
    @CsvSource({ "abc", "0s", "-PT1H", "1 hour", "30", "''" })
    void badIntervalsNameTheSetting(String text) {
        assertThatThrownBy(() -> Settings.duration(text)).isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("PROCESSING_INTERVAL: ");
    }

    @Test
    void theEmbeddedServerIsListedFolderByFolderUnlessToldOtherwise() {
        assertThat(Settings.from(new MockEnvironment()).listByFolder()).isTrue();
        assertThat(Settings.from(new MockEnvironment().withProperty("storage.endpoint", "http://minio:9000"))
            .listByFolder()).isFalse();
        assertThat(Settings
            .from(new MockEnvironment().withProperty("storage.endpoint", "http://minio:9000")
                .withProperty("storage.listing", "BY-FOLDER"))
            .listByFolder()).isTrue();
        assertThat(Settings.from(new MockEnvironment()).publishRetry()).hasSeconds(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "storage.endpoint       | ftp://x        | STORAGE_ENDPOINT",
                    "storage.embedded-port  | 70000          | STORAGE_EMBEDDED_PORT",
                    "output.bucket          | a              | OUTPUT_BUCKET",
                    "output.csv-key         | ' '            | OUTPUT_CSV_KEY",
                    "database.url           | jdbc:h2:mem:x  | DATABASE_URL",
                    "demo.data              | sometimes      | DEMO_DATA",
                    "storage.listing        | sideways       | STORAGE_LISTING",
                    "processing.publish-retry | 0s           | PROCESSING_PUBLISH_RETRY",
                    "processing.lock-lease  | soon           | PROCESSING_LOCK_LEASE", })
    void everyBadValueNamesItsVariable(String property, String value, String variable) {
        assertThatThrownBy(() -> Settings.from(new MockEnvironment().withProperty(property, value)))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith(variable + ": ");
    }

}
