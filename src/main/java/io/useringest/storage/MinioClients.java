package io.useringest.storage;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds MinIO clients whose HTTP dispatcher allows as many requests in flight as the
 * pipeline issues.
 */
public final class MinioClients {

    private MinioClients() {
    }

    /**
     * The blocking client for single requests and the asynchronous one for page-by-page
     * listing, on one pool.
     */
    public static ObjectStore objectStore(String endpoint, String region, String accessKey, String secretKey,
            int concurrency, ObjectStore.Listing listing) {
        OkHttpClient http = http(concurrency);
        MinioClient client = MinioClient.builder()
            .endpoint(endpoint)
            .region(region)
            .credentials(accessKey, secretKey)
            .httpClient(http, true)
            .build();
        MinioAsyncClient pages = MinioAsyncClient.builder()
            .endpoint(endpoint)
            .region(region)
            .credentials(accessKey, secretKey)
            .httpClient(http, false)
            .build();
        return new ObjectStore(client, pages, listing, http.connectionPool()::evictAll);
    }

    private static OkHttpClient http(int concurrency) {
        // OkHttp allows 5 requests per host by default; MinIO queues behind that, so
        // reads would crawl.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(concurrency * 2);
        dispatcher.setMaxRequestsPerHost(concurrency * 2);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(concurrency * 2, 5, TimeUnit.MINUTES))
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofMinutes(2))
            .writeTimeout(Duration.ofMinutes(2))
            .retryOnConnectionFailure(true)
            .build();
    }

}
