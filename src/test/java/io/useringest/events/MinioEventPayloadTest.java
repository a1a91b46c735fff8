package io.useringest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bucket notifications as MinIO's webhook target sends them (its documented event
 * format).
 */
public class MinioEventPayloadTest {

    /** A record as MinIO sends it, with the key already URL-encoded. */
    public static String record(String eventName, String bucket, String encodedKey) {
        return """
                {"eventVersion":"2.0","eventSource":"minio:s3","awsRegion":"","eventTime":"2026-11-23T02:00:00.123Z",
                 "eventName":"%s","userIdentity":{"principalId":"minioadmin"},
                 "requestParameters":{"principalId":"minioadmin","region":"","sourceIPAddress":"172.18.0.1"},
                 "responseElements":{"x-amz-id-2":"dd9025bab4ad464b","x-amz-request-id":"1866D1A8B41B5D52"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
                       "bucket":{"name":"%s","ownerIdentity":{"principalId":"minioadmin"},"arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":61,"eTag":"6f8c3e9f1d2b7a4c5e6f7a8b9c0d1e2f",
                                 "contentType":"text/csv","userMetadata":{"content-type":"text/csv"},
                                 "sequencer":"1866D1A8B43AA5F0"}},
                 "source":{"host":"172.18.0.1","port":"","userAgent":"MinIO (linux; amd64) minio-go/v7.0.70"}}
                """.formatted(eventName, bucket, bucket, encodedKey);
    }

    public static byte[] payload(String eventName, String bucket, String encodedKey, String... moreRecords) {
        StringBuilder records = new StringBuilder(record(eventName, bucket, encodedKey));
        for (String more : moreRecords) {
            records.append(',').append(more);
        }
        return ("{\"EventName\":\"" + eventName + "\",\"Key\":\"" + bucket + "/" + encodedKey + "\",\"Records\":["
                + records + "]}")
            .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPutOfOneObject() {
        assertThat(MinioEventPayload.parse(payload("s3:ObjectCreated:Put", "source", "users%2F1000.csv")))
            .containsExactly(new BucketEvent("s3:ObjectCreated:Put", "source", "users/1000.csv"));
    }

    @Test
    void keysAreUrlDecodedWithPlusForASpace() {
        assertThat(MinioEventPayload.parse(payload("s3:ObjectCreated:Copy", "source", "a+b/c%2Bd/%C3%A9t%C3%A9.csv")))
            .extracting(BucketEvent::key)
            .containsExactly("a b/c+d/été.csv");
    }

    @Test
    void severalRecordsAndEveryKindOfChange() {
        List<BucketEvent> events = MinioEventPayload.parse(payload("s3:ObjectCreated:CompleteMultipartUpload", "source",
                "big.zip", record("s3:ObjectRemoved:Delete", "source", "gone.csv"),
                record("s3:ObjectRemoved:DeleteMarkerCreated", "source", "marker.csv"),
                record("s3:ObjectAccessed:Get", "source", "read.csv"),
                record("s3:ObjectCreated:Put", "other", "x.csv")));

        assertThat(events).extracting(BucketEvent::key)
            .containsExactly("big.zip", "gone.csv", "marker.csv", "read.csv", "x.csv");
        assertThat(events).extracting(BucketEvent::changesObject).containsExactly(true, true, true, false, true);
        assertThat(events.get(4).bucket()).isEqualTo("other");
    }

    @Test
    void whatIsNotAPayloadIsRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> MinioEventPayload.parse("{not json".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(MinioEventPayload.BadPayload.class)
            .hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> MinioEventPayload.parse("{\"EventName\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
            .hasMessageStartingWith("the body has no \"Records\" array");
        assertThatThrownBy(() -> MinioEventPayload.parse("[]".getBytes(StandardCharsets.UTF_8)))
            .hasMessageStartingWith("the body has no \"Records\" array");
        assertThatThrownBy(() -> MinioEventPayload
            .parse("{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"}}}]}"
                .getBytes(StandardCharsets.UTF_8)))
            .hasMessage("Records[0].s3.object.key is missing or not a string");
        assertThatThrownBy(() -> MinioEventPayload.parse(payload("s3:ObjectCreated:Put", "source", "bad%zz.csv")))
            .hasMessageStartingWith("Records[0].s3.object.key \"bad%zz.csv\" is not URL-encoded");
    }

    @Test
    void anEmptyRecordListIsAPayloadWithNothingInIt() {
        assertThat(MinioEventPayload.parse("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

}
