package io.useringest.storage;

import io.minio.MinioClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds MinIO clients whose HTTP dispatcher allows as many requests in flight as the pipeline issues. */
public final class MinioClients {

    private MinioClients() {
    }

    public static MinioClient create(String endpoint, String region, String accessKey, String secretKey,
                                     int concurrency) {
        // OkHttp allows 5 requests per host by default; MinIO queues behind that, so reads would crawl.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(concurrency * 2);
        dispatcher.setMaxRequestsPerHost(concurrency * 2);
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(concurrency * 2, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(2))
                .writeTimeout(Duration.ofMinutes(2))
                .retryOnConnectionFailure(true)
                .build();
        return MinioClient.builder()
                .endpoint(endpoint)
                .region(region)
                .credentials(accessKey, secretKey)
                .httpClient(http, true)
                .build();
    }
}
